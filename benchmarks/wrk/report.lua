-- wrk done() hook shared by every run: one machine-readable line after wrk's own report.
-- Non-2xx answers count as errors, so a run that was answered with errors cannot pass for a fast one.
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
          + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d duration_us=%d rps=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d\n",
          summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
          latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, errors))
end
