"""
What the deploy tier does to AWS outside Terraform, through boto3 against moto
(test/support/moto.ts runs it with AWS_ENDPOINT_URL set to the emulator).

  python3 moto-lab.py console-lab '{"bucket": "..."}'     make the AWS console lab's key and bucket
  python3 moto-lab.py inspect '{"bucket": "...", "keyId": "..."}'
  python3 moto-lab.py disable-key '{"keyId": "..."}'
  python3 moto-lab.py put-object '{"bucket": "...", "key": "...", "sse": "aws:kms" | "AES256" | null}'
  python3 moto-lab.py empty-bucket '{"bucket": "..."}'
  python3 moto-lab.py exists '{"buckets": ["..."], "keys": ["<id or ARN>"]}'
  python3 moto-lab.py versioning '{"bucket": "..."}'
  python3 moto-lab.py object-lock '{"bucket": "..."}'
  python3 moto-lab.py identity-policies '{"user": "...", "group": "...", "role": "..."}'   inline policy names
  python3 moto-lab.py aliases '{}'
  python3 moto-lab.py locked-bucket '{"bucket": "...", "days": 30}'   a bucket made with Object Lock, GOVERNANCE retention

Prints one JSON document.
"""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

DESCRIPTION = "Customer Master Key for encrypting S3 data"
ALIAS = "alias/aws-CMK-key"
OBJECT_KEY = "reports/2026-11.csv"

# A few attempts: moto's server drops a connection now and then under load.
config = Config(s3={"addressing_style": "path"}, retries={"max_attempts": 4})
kms = boto3.client("kms", config=config)
s3 = boto3.client("s3", config=config)


def block_and_own(bucket):
    """All four public access blocks on, ACLs off: what S3 and its console give a new bucket."""
    s3.put_public_access_block(
        Bucket=bucket,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    s3.put_bucket_ownership_controls(
        Bucket=bucket, OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
    )


def console_lab(bucket):
    """What the console lab makes: a key with its alias, and a bucket encrypted with it."""
    key = kms.create_key(
        Description=DESCRIPTION, KeyUsage="ENCRYPT_DECRYPT", KeySpec="SYMMETRIC_DEFAULT"
    )["KeyMetadata"]
    kms.create_alias(AliasName=ALIAS, TargetKeyId=key["KeyId"])
    region = s3.meta.region_name
    # us-east-1 is the one region S3 refuses a LocationConstraint for.
    s3.create_bucket(
        Bucket=bucket,
        **({} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}),
    )
    # The console sets both; moto's CreateBucket sets neither.
    block_and_own(bucket)
    s3.put_bucket_encryption(
        Bucket=bucket,
        ServerSideEncryptionConfiguration={
            "Rules": [
                {
                    "ApplyServerSideEncryptionByDefault": {
                        "SSEAlgorithm": "aws:kms",
                        "KMSMasterKeyID": key["Arn"],
                    },
                    "BucketKeyEnabled": True,
                }
            ]
        },
    )
    # Before the policy: moto ignores its StringNotEquals condition and would deny the upload.
    s3.put_object(
        Bucket=bucket,
        Key=OBJECT_KEY,
        Body=b"month,total\n2026-11,42\n",
        ServerSideEncryption="aws:kms",
        SSEKMSKeyId=key["Arn"],
    )
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "DenyUploadsWithoutSseKms",
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:PutObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
                "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}},
            }
        ],
    }
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))
    return {"keyId": key["KeyId"], "keyArn": key["Arn"], "bucket": bucket, "objectKey": OBJECT_KEY}


def read(call, missing):
    """The call's result, or None when S3 answers with the given 'does not exist' code."""
    try:
        return call()
    except ClientError as e:
        if e.response["Error"]["Code"] == missing:
            return None
        raise


def inspect(bucket, keyId):
    """The bucket and key as AWS reports them, for the tests' assertions."""
    objects = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    policy = read(lambda: s3.get_bucket_policy(Bucket=bucket)["Policy"], "NoSuchBucketPolicy")
    block = read(
        lambda: s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"],
        "NoSuchPublicAccessBlockConfiguration",
    )
    ownership = read(
        lambda: s3.get_bucket_ownership_controls(Bucket=bucket)["OwnershipControls"]["Rules"],
        "OwnershipControlsNotFoundError",
    )
    encryption = read(
        lambda: s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"],
        "ServerSideEncryptionConfigurationNotFoundError",
    )
    key = kms.describe_key(KeyId=keyId)["KeyMetadata"]
    aliases = [a["AliasName"] for a in kms.list_aliases(KeyId=keyId)["Aliases"]]
    return {
        "objects": [o["Key"] for o in objects],
        "policy": json.loads(policy) if policy else None,
        "publicAccessBlock": block,
        "ownership": ownership,
        "encryption": encryption,
        "key": {
            "arn": key["Arn"],
            "enabled": key["Enabled"],
            "state": key["KeyState"],
            "description": key["Description"],
        },
        "aliases": aliases,
    }


def disable_key(keyId):
    kms.disable_key(KeyId=keyId)
    return {"keyId": keyId}


def put_object(bucket, key, sse=None):
    """Uploads an object as a client the bucket policy allows would.

    moto does not evaluate the library's policy conditions and denies every upload under
    it (moto/iam/access_control.py), so the policy is lifted for the upload and put back
    unchanged: the next plan reads the same document.
    """
    policy = read(lambda: s3.get_bucket_policy(Bucket=bucket)["Policy"], "NoSuchBucketPolicy")
    if policy:
        s3.delete_bucket_policy(Bucket=bucket)
    try:
        s3.put_object(Bucket=bucket, Key=key, Body=b"month,total\n2026-12,7\n", **({"ServerSideEncryption": sse} if sse else {}))
    finally:
        if policy:
            s3.put_bucket_policy(Bucket=bucket, Policy=policy)
    return {"bucket": bucket, "key": key}


def empty_bucket(bucket):
    """Deletes every object version and delete marker, as a user must before destroying."""
    deleted = 0
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
        for v in page.get("Versions", []) + page.get("DeleteMarkers", []):
            s3.delete_object(Bucket=bucket, Key=v["Key"], VersionId=v["VersionId"])
            deleted += 1
    return {"bucket": bucket, "deleted": deleted}


def exists(buckets=(), keys=()):
    """Which buckets exist (with their object count), and each key's state (or None when gone)."""
    out = {"buckets": {}, "keys": {}}
    for bucket in buckets:
        try:
            out["buckets"][bucket] = len(s3.list_object_versions(Bucket=bucket).get("Versions", []))
        except ClientError as e:
            if e.response["Error"]["Code"] != "NoSuchBucket":
                raise
            out["buckets"][bucket] = None
    for key in keys:
        try:
            out["keys"][key] = kms.describe_key(KeyId=key)["KeyMetadata"]["KeyState"]
        except ClientError as e:
            if e.response["Error"]["Code"] != "NotFoundException":
                raise
            out["keys"][key] = None
    return out


def object_lock(bucket):
    """The bucket's Object Lock configuration as S3 reports it, or None when it has none."""
    return {
        "configuration": read(
            lambda: s3.get_object_lock_configuration(Bucket=bucket)["ObjectLockConfiguration"],
            "ObjectLockConfigurationNotFoundError",
        )
    }


def locked_bucket(bucket, days):
    """A bucket made outside Terraform with Object Lock (which turns versioning on) and a default retention."""
    region = s3.meta.region_name
    location = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
    s3.create_bucket(Bucket=bucket, ObjectLockEnabledForBucket=True, **location)
    # What S3 gives every new bucket and moto's CreateBucket does not.
    block_and_own(bucket)
    s3.put_bucket_encryption(
        Bucket=bucket,
        ServerSideEncryptionConfiguration={"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]},
    )
    s3.put_object_lock_configuration(
        Bucket=bucket,
        ObjectLockConfiguration={
            "ObjectLockEnabled": "Enabled",
            "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": days}},
        },
    )
    return object_lock(bucket)


def identity_policies(user, group, role):
    """The names of each identity's inline policies, as IAM reports them."""
    iam = boto3.client("iam", config=config)
    return {
        "user": iam.list_user_policies(UserName=user)["PolicyNames"],
        "group": iam.list_group_policies(GroupName=group)["PolicyNames"],
        "role": iam.list_role_policies(RoleName=role)["PolicyNames"],
    }


if __name__ == "__main__":
    command, args = sys.argv[1], json.loads(sys.argv[2])
    handlers = {
        "versioning": lambda bucket: {"status": s3.get_bucket_versioning(Bucket=bucket).get("Status")},
        "console-lab": console_lab,
        "inspect": inspect,
        "disable-key": disable_key,
        "put-object": put_object,
        "empty-bucket": empty_bucket,
        "exists": exists,
        "object-lock": object_lock,
        "locked-bucket": locked_bucket,
        "identity-policies": identity_policies,
        "aliases": lambda: [a["AliasName"] for a in kms.list_aliases()["Aliases"]],
    }
    print(json.dumps(handlers[command](**args), default=str))
