"""
moto's server for the deploy tier (test/support/moto.ts starts it).

Listens on 127.0.0.1 only, on a port the OS picks, so parallel test files never
collide; prints {"port": N} once it accepts connections, and stops when its stdin
closes, so it cannot outlive the test process that started it.

Before it starts, it patches one moto function (below) that crashes on the library's
log-bucket policy.
"""
import json
import sys

from moto.s3.models import FakeBucket
from moto.s3.utils import LOGGING_SERVICE_PRINCIPAL
from moto.server import ThreadedMotoServer


def _as_list(value):
    return value if isinstance(value, list) else [value]


def _log_permissions_enabled_policy(target_bucket, target_prefix):
    """
    Replaces FakeBucket._log_permissions_enabled_policy (moto 5.2.1, moto/s3/models.py),
    PutBucketLogging's check of the target bucket's policy. The original calls .get on
    every statement's Principal, so a statement with Principal "*" (the library's Deny
    statements) raises AttributeError: HTTP 500, which the AWS provider retries until it
    gives up. It also compares Principal.Service and Resource with single strings, so it
    refuses the lists the library writes. Same contract: True when a statement allows
    logging.s3.amazonaws.com s3:PutObject on the bucket, its objects or the target prefix.
    Its conditions (aws:SourceAccount, aws:SourceArn) are not checked, as in the original.
    """
    if not target_bucket.policy:
        return False
    arn = f"arn:{target_bucket.partition}:s3:::{target_bucket.name}"
    targets = {f"{arn}/{target_prefix or ''}*", f"{arn}/*", arn}
    for stmt in _as_list(json.loads(target_bucket.policy.decode()).get("Statement", [])):
        principal = stmt.get("Principal")
        if not isinstance(principal, dict):  # "*" or absent
            continue
        if LOGGING_SERVICE_PRINCIPAL not in _as_list(principal.get("Service")):
            continue
        if stmt.get("Effect") != "Allow" or "s3:PutObject" not in _as_list(stmt.get("Action", [])):
            continue
        if targets.intersection(_as_list(stmt.get("Resource"))):
            return True
    return False


FakeBucket._log_permissions_enabled_policy = staticmethod(_log_permissions_enabled_policy)

server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(json.dumps({"port": server.get_host_and_port()[1]}), flush=True)
sys.stdin.read()
server.stop()
