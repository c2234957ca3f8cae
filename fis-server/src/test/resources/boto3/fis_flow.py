"""boto3 (botocore's own request serialisation, response parsing, paginators and error parsing) against fis serve.

Usage: python3 fis_flow.py http://127.0.0.1:PORT
Prints one JSON object with what it saw, then "boto3 flow: ok"; any failed check exits non-zero naming it.
"""
import datetime
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ROLE = "arn:aws:iam::123456789012:role/fis"
WAIT = {"wait": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT10M"}}}


def check(condition, what):
    if not condition:
        sys.exit("boto3 flow FAILED: " + what)


def error_of(call, **kwargs):
    """The modeled error botocore parsed: (code, HTTP status, message)."""
    try:
        call(**kwargs)
    except ClientError as e:
        return (e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"],
                e.response["Error"]["Message"])
    sys.exit("boto3 flow FAILED: %s(%s) did not fail" % (call.__name__, kwargs))


def main(endpoint):
    fis = boto3.client("fis", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                       aws_secret_access_key="test", config=Config(retries={"max_attempts": 1}))
    seen = {"botocore": __import__("botocore").__version__}

    # templates: create (idempotent by clientToken), get, update, paginate 2 at a time
    ids = []
    for i in range(7):
        t = fis.create_experiment_template(clientToken="boto3-%d" % i, description="boto3 %d" % i, roleArn=ROLE,
                                           stopConditions=[{"source": "none"}], actions=WAIT,
                                           tags={"i": str(i)})["experimentTemplate"]
        check(isinstance(t["creationTime"], datetime.datetime), "creationTime parsed as a datetime")
        check(t["creationTime"].tzinfo is not None, "creationTime has a time zone")
        check(t["experimentOptions"]["accountTargeting"] == "single-account", "default accountTargeting")
        ids.append(t["id"])
    again = fis.create_experiment_template(clientToken="boto3-0", description="boto3 0", roleArn=ROLE,
                                           stopConditions=[{"source": "none"}], actions=WAIT, tags={"i": "0"})
    check(again["experimentTemplate"]["id"] == ids[0], "a repeated clientToken returns the same template")
    pages = list(fis.get_paginator("list_experiment_templates").paginate(PaginationConfig={"PageSize": 2}))
    listed = [t["id"] for p in pages for t in p["experimentTemplates"]]
    check(listed == ids, "the paginator lists every template once, oldest first: %s" % listed)
    check(len(pages) == 4, "7 templates in pages of 2 are 4 pages, not %d" % len(pages))
    seen["templatePages"] = len(pages)
    updated = fis.update_experiment_template(id=ids[1], description="updated")["experimentTemplate"]
    check(updated["description"] == "updated" and updated["lastUpdateTime"] >= updated["creationTime"],
          "update_experiment_template")
    check(fis.get_experiment_template(id=ids[1])["experimentTemplate"]["description"] == "updated",
          "get_experiment_template after the update")

    # tags
    arn = fis.get_experiment_template(id=ids[2])["experimentTemplate"]["arn"]
    fis.tag_resource(resourceArn=arn, tags={"team": "payments"})
    fis.untag_resource(resourceArn=arn, tagKeys=["i"])
    seen["tags"] = fis.list_tags_for_resource(resourceArn=arn)["tags"]
    check(seen["tags"] == {"team": "payments"}, "tags after tag_resource and untag_resource: %s" % seen["tags"])

    # experiments: start (idempotent), running, stop, history
    e = fis.start_experiment(clientToken="start-1", experimentTemplateId=ids[0], tags={"run": "1"})["experiment"]
    check(e["state"]["status"] in ("initiating", "running"), "start_experiment state: %s" % e["state"])
    check(fis.start_experiment(clientToken="start-1", experimentTemplateId=ids[0],
                               tags={"run": "1"})["experiment"]["id"] == e["id"], "a repeated start clientToken")
    status = None
    for _ in range(500):  # bounded: each round is one request
        status = fis.get_experiment(id=e["id"])["experiment"]["state"]["status"]
        if status == "running":
            break
    check(status == "running", "the experiment runs (last status %s)" % status)
    stopping = fis.stop_experiment(id=e["id"])["experiment"]
    check(stopping["state"]["status"] == "stopping", "stop_experiment returns stopping")
    ended = fis.get_experiment(id=e["id"])["experiment"]
    check(ended["state"]["status"] == "stopped", "stopped after stop_experiment returned")
    check(isinstance(ended["endTime"], datetime.datetime), "endTime parsed as a datetime")
    check(ended["actions"]["wait"]["state"]["status"] == "stopped", "the action is stopped")
    second = fis.start_experiment(experimentTemplateId=ids[1])["experiment"]
    fis.stop_experiment(id=second["id"])
    history = [x["id"] for p in fis.get_paginator("list_experiments").paginate(PaginationConfig={"PageSize": 1})
               for x in p["experiments"]]
    check(history == [e["id"], second["id"]], "list_experiments paginator: %s" % history)
    only = fis.list_experiments(experimentTemplateId=ids[1])["experiments"]
    check([x["id"] for x in only] == [second["id"]], "list_experiments by experimentTemplateId")
    targets = fis.list_experiment_resolved_targets(experimentId=e["id"])
    check(targets["resolvedTargets"] == [], "no resolved targets for a wait-only experiment")

    # modeled errors, as botocore parses them
    seen["errors"] = {
        "stopEnded": error_of(fis.stop_experiment, id=e["id"]),
        "getMissing": error_of(fis.get_experiment, id="EXPnope"),
        "badTemplate": error_of(fis.create_experiment_template, clientToken="bad", description="bad",
                                roleArn=ROLE, stopConditions=[{"source": "none"}],
                                actions={"a": {"actionId": "aws:fis:no-such-action"}}),
        "deleteMissing": error_of(fis.delete_experiment_template, id="EXTnope"),
    }
    check(seen["errors"]["stopEnded"][:2] == ("ValidationException", 400), "stopping an ended experiment")
    check(seen["errors"]["getMissing"][:2] == ("ResourceNotFoundException", 404), "a missing experiment")
    check(seen["errors"]["badTemplate"][:2] == ("ValidationException", 400), "an invalid template")
    check("/actions/a/actionId" in seen["errors"]["badTemplate"][2], "the finding names the JSON path")
    check(seen["errors"]["deleteMissing"][:2] == ("ResourceNotFoundException", 404), "deleting a missing template")
    try:
        fis.get_experiment(id="EXPnope")
    except fis.exceptions.ResourceNotFoundException:
        seen["modeledClass"] = "ResourceNotFoundException"

    # multi-account: no start without a target account configuration
    multi = fis.create_experiment_template(clientToken="multi", description="multi", roleArn=ROLE,
                                           stopConditions=[{"source": "none"}], actions=WAIT,
                                           experimentOptions={"accountTargeting": "multi-account"})
    mid = multi["experimentTemplate"]["id"]
    seen["errors"]["multiAccountStart"] = error_of(fis.start_experiment, experimentTemplateId=mid)
    check(seen["errors"]["multiAccountStart"][:2] == ("ValidationException", 400), "multi-account start")
    fis.create_target_account_configuration(experimentTemplateId=mid, accountId="111122223333",
                                            roleArn="arn:aws:iam::111122223333:role/fis", description="target")
    m = fis.start_experiment(experimentTemplateId=mid)["experiment"]
    check(m["targetAccountConfigurationsCount"] == 1, "targetAccountConfigurationsCount of the experiment")
    configs = fis.list_experiment_target_account_configurations(experimentId=m["id"])
    check([c["accountId"] for c in configs["targetAccountConfigurations"]] == ["111122223333"],
          "list_experiment_target_account_configurations")
    fis.stop_experiment(id=m["id"])

    # catalog and the safety lever
    actions = [a["id"] for p in fis.get_paginator("list_actions").paginate(PaginationConfig={"PageSize": 10})
               for a in p["actions"]]
    check("aws:fis:wait" in actions and actions == sorted(actions), "list_actions paginator")
    seen["actions"] = len(actions)
    check("duration" in fis.get_action(id="aws:fis:wait")["action"]["parameters"], "get_action parameters")
    lever = fis.get_safety_lever(id="default")["safetyLever"]
    check(lever["state"]["status"] == "disengaged", "the safety lever starts disengaged")

    seen["templates"] = ids
    seen["experiments"] = history
    print(json.dumps(seen, default=str))
    print("boto3 flow: ok")


if __name__ == "__main__":
    main(sys.argv[1])
