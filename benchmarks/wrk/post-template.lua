-- wrk script: CreateExperimentTemplate with the same one-action template as ServerBenchmark.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"description": "bench", "roleArn": "arn:aws:iam::123456789012:role/fis", '
        .. '"stopConditions": [{"source": "none"}], "actions": {"wait": {"actionId": "aws:fis:wait", '
        .. '"parameters": {"duration": "PT12H"}}}}'
