"""
moto's server for the deploy tier (test/support/moto.ts starts it).

Listens on 127.0.0.1 only, on a port the OS picks, so parallel test files never
collide; prints {"port": N} once it accepts connections, and stops when its stdin
closes, so it cannot outlive the test process that started it.

Before it starts, it patches moto where it fails the library's stacks (below): a crash
on the library's log-bucket policy, a lifecycle field it drops, and a multi-Region replica
that shares its primary's aliases and state. With MOTO_REQUEST_LOG naming a file, it appends one JSON line per
HTTP request it answers: method, path, query, service, action, region, status, and
the exception when moto raised one.
"""
import copy
import io
import json
import os
import sys
import threading
from urllib.parse import parse_qs

from moto.kms.models import KmsBackend, kms_backends
from moto.kms.responses import KmsResponse
from moto.moto_server.werkzeug_app import DomainDispatcherApplication
from moto.s3.models import FakeBucket
from moto.s3.responses import S3Response
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


# ---------------------------------------------------------------------------
# Lifecycle: keep NoncurrentVersionExpiration.NewerNoncurrentVersions
# ---------------------------------------------------------------------------

# moto 5.2.1 (moto/s3/models.py FakeBucket.set_lifecycle, moto/s3/responses.py
# get_bucket_lifecycle) keeps a rule's NoncurrentDays but drops its NewerNoncurrentVersions.
# The AWS provider waits for the configuration it wrote to read back unchanged, so every
# apply of a rule that keeps the newest noncurrent versions timed out after 3 minutes.
# These patches store the value beside the rule and add it back when the rules are read.
_set_lifecycle = FakeBucket.set_lifecycle
_get_bucket_lifecycle = S3Response.get_bucket_lifecycle
_serialized = S3Response.serialized
# The bucket whose lifecycle this thread is reading: moto serves requests on threads, with one S3Response.
_reading = threading.local()


def _set_lifecycle_keeping_newer_versions(self, rules):
    _set_lifecycle(self, rules)
    for rule, given in zip(self.rules, rules):
        rule.nve_newer_versions = (given.get("NoncurrentVersionExpiration") or {}).get("NewerNoncurrentVersions")


def _get_bucket_lifecycle_with_newer_versions(self):
    _reading.bucket = self.bucket_name
    try:
        return _get_bucket_lifecycle(self)
    finally:
        _reading.bucket = None


def _serialized_with_newer_versions(self, action_result):
    bucket = getattr(_reading, "bucket", None)
    if bucket is not None:
        stored = {rule.id: rule for rule in self.backend.get_bucket_lifecycle(bucket)}
        for rule in action_result.result.get("Rules", []):
            newer = getattr(stored.get(rule["ID"]), "nve_newer_versions", None)
            if newer is not None and "NoncurrentVersionExpiration" in rule:
                rule["NoncurrentVersionExpiration"]["NewerNoncurrentVersions"] = newer
    return _serialized(self, action_result)


FakeBucket.set_lifecycle = _set_lifecycle_keeping_newer_versions
S3Response.get_bucket_lifecycle = _get_bucket_lifecycle_with_newer_versions
S3Response.serialized = _serialized_with_newer_versions


# ---------------------------------------------------------------------------
# KMS ReplicateKey: a replica of its own
# ---------------------------------------------------------------------------

# moto 5.2.1 (moto/kms/models.py KmsBackend.replicate_key) makes the replica with
# copy(primary): the two Key objects share one `aliases` dict, so the primary's alias
# "exists" in the replica's region (CreateAlias: AlreadyExistsException, where KMS keeps
# aliases per region), and one `multi_region_configuration` dict, which DescribeKey of the
# replica marks REPLICA, so the provider then refuses to refresh the primary ("is not a
# multi-Region primary key"). moto/kms/responses.py replicate_key also ignores the
# request's Description, Policy and Tags: the replica read back the primary's. This gives
# the replica dicts of its own and what the request asked for.
def _replicate_key(self, key_id, replica_region):
    primary = self.keys[key_id]
    replica = copy.copy(primary)
    replica.region = replica_region
    replica.arn = primary.arn.replace(f":{self.region_name}:", f":{replica_region}:")
    replica.aliases = {}
    replica.grants = {}
    entry = {"Arn": replica.arn, "Region": replica_region}
    if entry not in primary.multi_region_configuration["ReplicaKeys"]:
        primary.multi_region_configuration["ReplicaKeys"].append(entry)
    replica.multi_region_configuration = copy.deepcopy(primary.multi_region_configuration)
    replica.multi_region_configuration["MultiRegionKeyType"] = "REPLICA"
    kms_backends[self.account_id][replica_region].keys[replica.id] = replica
    return replica


def _replicate_key_response(self):
    key_id = self.kms_backend.get_key_id(self._get_param("KeyId"))
    self._validate_key_id(key_id)
    replica_region = self._get_param("ReplicaRegion")
    replica = self.kms_backend.replicate_key(key_id, replica_region)
    replica.description = self._get_param("Description") or ""
    replica.policy = self._get_param("Policy") or replica.generate_default_policy()
    tags = self._get_param("Tags")
    if tags:
        kms_backends[self.current_account][replica_region].tag_resource(replica.id, tags)
    return json.dumps({"ReplicaKeyMetadata": replica.to_dict()["KeyMetadata"], "ReplicaPolicy": replica.policy})


KmsBackend.replicate_key = _replicate_key
KmsResponse.replicate_key = _replicate_key_response


# ---------------------------------------------------------------------------
# The opt-in request log
# ---------------------------------------------------------------------------

# S3 subresources (query keys) and the operation each names, after Get/Put/Delete.
S3_SUBRESOURCES = {
    "accelerate": "BucketAccelerateConfiguration", "acl": "BucketAcl", "analytics": "BucketAnalyticsConfiguration",
    "cors": "BucketCors", "encryption": "BucketEncryption", "intelligent-tiering": "BucketIntelligentTieringConfiguration",
    "inventory": "BucketInventoryConfiguration", "lifecycle": "BucketLifecycleConfiguration", "location": "BucketLocation",
    "logging": "BucketLogging", "metrics": "BucketMetricsConfiguration", "notification": "BucketNotificationConfiguration",
    "object-lock": "ObjectLockConfiguration", "ownershipControls": "BucketOwnershipControls", "policy": "BucketPolicy",
    "policyStatus": "BucketPolicyStatus", "publicAccessBlock": "PublicAccessBlock", "replication": "BucketReplication",
    "requestPayment": "BucketRequestPayment", "tagging": "BucketTagging", "versioning": "BucketVersioning",
    "website": "BucketWebsite",
}
VERBS = {"GET": "Get", "PUT": "Put", "DELETE": "Delete", "HEAD": "Head", "POST": "Post"}


def s3_action(method, path, query):
    """The S3 operation of a path-style request, as the API reference names it."""
    parts = path.lstrip("/").split("/", 1)
    if not parts[0]:
        return "ListBuckets"
    if len(parts) > 1 and parts[1]:  # an object
        if "tagging" in query or "acl" in query:
            return f"{VERBS.get(method, method)}Object{'Tagging' if 'tagging' in query else 'Acl'}"
        return {"GET": "GetObject", "PUT": "PutObject", "HEAD": "HeadObject", "DELETE": "DeleteObject"}.get(method, method)
    for key, name in S3_SUBRESOURCES.items():
        if key in query:
            return f"{VERBS.get(method, method)}{name}"
    if "versions" in query:
        return "ListObjectVersions"
    if method == "POST" and "delete" in query:
        return "DeleteObjects"
    if method == "GET":
        return "ListObjectsV2" if query.get("list-type") == ["2"] else "ListObjects"
    return {"PUT": "CreateBucket", "HEAD": "HeadBucket", "DELETE": "DeleteBucket"}.get(method, method)


def describe(environ):
    """method, path, query, service, action and region of a request."""
    method = environ.get("REQUEST_METHOD", "")
    path = environ.get("PATH_INFO", "")
    query = environ.get("QUERY_STRING", "")
    params = parse_qs(query, keep_blank_values=True)
    service = region = action = None
    try:  # SigV4: Credential=KEY/DATE/REGION/SERVICE/aws4_request
        _, _, region, service, _ = environ["HTTP_AUTHORIZATION"].split(",")[0].split()[1].split("/")
    except (KeyError, IndexError, ValueError):
        pass
    if path.startswith("/moto-api"):
        service = "moto-api"
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:  # JSON protocols (KMS: TrentService.DescribeKey)
        action = target.split(".", 1)[-1]
    elif service == "s3":
        action = s3_action(method, path, params)
    elif "Action" in params:
        action = params["Action"][0]
    elif environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
        # Query protocols (STS, IAM) send Action in the body; moto reads it again, so put it back.
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        action = parse_qs(body.decode("utf-8", "replace")).get("Action", [None])[0]
    return {"method": method, "path": path, "query": query, "service": service, "action": action, "region": region, "status": None}


def log_requests(file_name):
    """Wraps moto's dispatcher so every request it answers appends a line to `file_name`."""
    out = open(file_name, "a", encoding="utf-8")
    lock = threading.Lock()
    dispatch = DomainDispatcherApplication.__call__

    def call(self, environ, start_response):
        line = describe(environ)

        def start(status, headers, exc_info=None):
            line["status"] = int(status.split(" ", 1)[0])
            return start_response(status, headers, exc_info)

        try:
            return dispatch(self, environ, start)
        except Exception as error:  # werkzeug answers 500
            line.update(status=500, error=f"{type(error).__name__}: {error}")
            raise
        finally:
            # Written before the response is sent, so a client that has its answer finds the line.
            with lock:
                out.write(json.dumps(line) + "\n")
                out.flush()

    DomainDispatcherApplication.__call__ = call


if os.environ.get("MOTO_REQUEST_LOG"):
    log_requests(os.environ["MOTO_REQUEST_LOG"])

server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(json.dumps({"port": server.get_host_and_port()[1]}), flush=True)
sys.stdin.read()
server.stop()
