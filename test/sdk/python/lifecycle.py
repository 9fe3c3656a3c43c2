"""Drive the official Alibaba Cloud OSS Python SDK v2 (alibabacloud_oss_v2.vectors) through the whole vector-bucket
lifecycle against the endpoint named in the environment (the vconf simulator), with signing on and the SDK's default
retry policy.

How the SDK reaches the simulator: the vectors client always builds virtual-hosted URLs
(http://{bucket}-{account}.{region}.oss-vectors.aliyuncs.com/?op=), so an IP endpoint cannot be used. Instead the SDK
keeps its real endpoint ({region}.oss-vectors.aliyuncs.com, disable_ssl=True) and Config.proxy_host sends every
request to the simulator as an HTTP forward proxy: requests writes the absolute URI on the request line
("POST http://b-1234567890.cn-hangzhou.oss-vectors.aliyuncs.com/?putVectors= HTTP/1.1") and keeps the virtual
host in Host, so no DNS or /etc/hosts entry is needed. proxy_host must be the dict form {"http": URL}: the SDK
turns a plain string into {"http://": URL, "https://": URL}, keys that requests' select_proxy never matches
(it looks up "http://HOST", "http", "all://HOST", "all"), so a string proxy_host is silently ignored and the
request goes to DNS.

Environment:
  VCONF_OSS_ENDPOINT        http://127.0.0.1:PORT (used as the proxy)
  VCONF_OSS_VHOST_ENDPOINT  the SDK's endpoint (default {region}.oss-vectors.aliyuncs.com)
  VCONF_ACCOUNT_ID, VCONF_ACCESS_KEY_ID, VCONF_ACCESS_KEY_SECRET   default 1234567890 / test / test
  VCONF_REGION              default cn-hangzhou
  VCONF_BUCKET_PREFIX       bucket name prefix (default py); a random suffix keeps names unique per run
  VCONF_OTHER_ACCESS_KEY_ID, VCONF_OTHER_ACCESS_KEY_SECRET          default other / other (account 9876543210)
  VCONF_DRY_RUN=1           build and print the requests without sending them (checks the SDK wiring offline)
  VCONF_MODE                lifecycle (default) or throttle (see run_throttle: the SDK's default retryer against
                            injected 503 QpsLimitExceeded throttles and seed 001's partial DeleteVectors)

Throttle mode arms its own faults: right before each faulted step it POSTs the fault plan straight to the
simulator's control endpoint (VCONF_OSS_ENDPOINT + "/__vconf/faults", not through the SDK or any proxy; the
simulator refuses control paths on proxied absolute-URI requests) and clears all plans right after. That is a test
program knowing it talks to vconf. The SDK's attempt counts are asserted by test/sdk/oss-sdk-throttle.test.ts from
the simulator's request journal, not here.

Prints one JSON object per step on stdout ({"step","ok","status","code","detail"}) and exits 1 if any expectation
failed (2 on a usage error).
"""

import json
import math
import os
import secrets
import sys
import time
import urllib.request

import alibabacloud_oss_v2 as oss
import alibabacloud_oss_v2.vectors as oss_vectors
from alibabacloud_oss_v2 import exceptions
from alibabacloud_oss_v2.vectors import models
from steps import emit, failed


def env(name, default):
    return os.environ.get(name) or default


def service_error(err):
    """The ServiceError inside the SDK's OperationError, or None."""
    while isinstance(err, exceptions.OperationError):
        err = err.unwrap()
    return err if isinstance(err, exceptions.ServiceError) else None


def expect_ok(step, call, want_status, check=None):
    """Run call(); it must succeed with one of want_status and pass check(result) (which returns '' when fine)."""
    try:
        result = call()
    except Exception as err:  # noqa: BLE001 - every failure is reported as a step
        se = service_error(err)
        if se is not None:
            return emit(step, False, se.status_code, se.code, f"{se.code}: {se.message}")
        return emit(step, False, 0, "ClientError", f"{type(err).__name__}: {err}")
    status = getattr(result, "status_code", 0)
    if status not in want_status:
        return emit(step, False, status, "", f"expected status {want_status}, got {status}")
    detail = check(result) if check else ""
    if detail:
        return emit(step, False, status, "", detail)
    return emit(step, True, status, "", "ok")


def expect_service_error(step, call, want_status, want_code):
    try:
        result = call()
    except Exception as err:  # noqa: BLE001
        se = service_error(err)
        if se is None:
            return emit(step, False, 0, "ClientError",
                        f"expected ServiceError {want_status} {want_code}, got {type(err).__name__}: {err}")
        ok = se.status_code == want_status and se.code == want_code
        detail = (f"ServiceError {se.status_code} {se.code} (request id {se.request_id!r}): {se.message}" if ok
                  else f"expected {want_status} {want_code}, got {se.status_code} {se.code}: {se.message}")
        return emit(step, ok, se.status_code, se.code, detail)
    status = getattr(result, "status_code", 0)
    return emit(step, False, status, "", f"expected {want_status} {want_code}, but the call succeeded with {status}")


class _DryRunClient:
    """An http_client that records requests instead of sending them (VCONF_DRY_RUN=1)."""

    def send(self, request, **kwargs):
        print(json.dumps({"dry_run": True, "method": request.method, "url": request.url,
                          "host": request.headers.get("Host"),
                          "authorization": (request.headers.get("Authorization") or "")[:60],
                          "body": (request.body.decode() if isinstance(request.body, bytes) else request.body)}),
              flush=True)
        raise exceptions.RequestError(error="dry run")


def make_client(proxy, endpoint, region, account_id, ak, sk, dry_run=False):
    cfg = oss.config.load_default()
    cfg.region = region
    cfg.endpoint = endpoint
    cfg.disable_ssl = True
    cfg.account_id = account_id
    cfg.credentials_provider = oss.credentials.StaticCredentialsProvider(ak, sk)
    # Dict form on purpose: see the module docstring.
    cfg.proxy_host = {"http": proxy}
    cfg.connect_timeout = 5
    cfg.readwrite_timeout = 20
    if dry_run:
        cfg.http_client = _DryRunClient()
        cfg.retry_max_attempts = 1
    return oss_vectors.Client(cfg)


def keys_of(vectors):
    return sorted(v.get("key") for v in (vectors or []))


def control(base, method, path, body=None):
    """One call to the simulator's control endpoint, never through a proxy; raises on a non-2xx answer."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"{base.rstrip('/')}/__vconf/{path}", data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(req, timeout=10) as res:
        return json.loads(res.read() or b"null")


def arm_fault(base, step, plan):
    """Replaces every fault plan with this one; a failure is reported as the step's failure."""
    try:
        control(base, "DELETE", "faults")
        control(base, "POST", "faults", plan)
        return True
    except Exception as err:  # noqa: BLE001
        emit(step, False, 0, "ControlError", f"arming the fault plan: {type(err).__name__}: {err}")
        return False


def clear_faults(base):
    try:
        control(base, "DELETE", "faults")
    except Exception as err:  # noqa: BLE001
        print(f"clearing fault plans: {err}", file=sys.stderr)


def run_throttle(client, proxy, bucket):
    """VCONF_MODE=throttle: the default retryer (fact sheet oss-vectors.md §8.5: 3 attempts; retry on >= 500, 401,
    408, 429, RequestTimeTooSkewed, BadRequest; never on 409) against the simulator's 503 QpsLimitExceeded and seed
    001_3830517637282d1c.txt's non-atomic DeleteVectors. Steps, one JSON line each:
      PutVectorBucket, PutVectorIndex, PutVectors(20)
      DeleteVectors(503x2 then retried)        fail next 2 DeleteVectors with 503 → the call succeeds, 204
      GetVectors(503x3 surfaced)               fail next 3 GetVectors with 503 → ServiceError 503 QpsLimitExceeded
      DeleteVectors(partial 503 then retried)  a seeded half applied, then 503 → retried, 204
      GetVectors(after deletes)                all 20 keys gone
      DeleteVectorBucket(not empty)            409 VectorBucketNotEmpty, not retried
      DeleteVectorIndex, DeleteVectorBucket    clean-up
    """
    index = "pyThrottleIndex"
    keys = [f"vec-{i:02d}" for i in range(20)]
    vecs = [{"key": k, "data": {"float32": [float(i + 1), 1.0, 0.0, 0.0]}, "metadata": {"n": str(i)}}
            for i, k in enumerate(keys)]
    first, second = keys[:10], keys[10:]
    throttle = {"kind": "fail", "status": 503, "code": "QpsLimitExceeded"}

    expect_ok("PutVectorBucket",
              lambda: client.put_vector_bucket(models.PutVectorBucketRequest(bucket=bucket)), [200])
    expect_ok("PutVectorIndex", lambda: client.put_vector_index(models.PutVectorIndexRequest(
        bucket=bucket, index_name=index, data_type="float32", dimension=4, distance_metric="euclidean")), [200])
    expect_ok("PutVectors(20)", lambda: client.put_vectors(
        models.PutVectorsRequest(bucket=bucket, index_name=index, vectors=vecs)), [200])

    # (a) Two throttles, then success: the default 3 attempts absorb them.
    step = "DeleteVectors(503x2 then retried)"
    if arm_fault(proxy, step, {"provider": "oss-vectors", "operation": "DeleteVectors", "times": 2,
                               "action": throttle}):
        start = time.monotonic()

        def delete_first():
            try:
                return client.delete_vectors(models.DeleteVectorsRequest(
                    bucket=bucket, index_name=index, keys=first))
            finally:
                print(f"{step} took {time.monotonic() - start:.3f}s (the retryer's backoff included)",
                      file=sys.stderr)
                clear_faults(proxy)
        expect_ok(step, delete_first, [204])

    # (b) Three throttles: every attempt fails and the SDK surfaces the last one.
    step = "GetVectors(503x3 surfaced)"
    if arm_fault(proxy, step, {"provider": "oss-vectors", "operation": "GetVectors", "times": 3,
                               "action": throttle}):
        def get_second():
            try:
                return client.get_vectors(models.GetVectorsRequest(bucket=bucket, index_name=index, keys=second))
            finally:
                clear_faults(proxy)
        expect_service_error(step, get_second, 503, "QpsLimitExceeded")

    # (c) Seed 001: a seeded half of the batch is deleted, then 503; the SDK resends the same batch, which succeeds
    # (keys already gone are not an error).
    step = "DeleteVectors(partial 503 then retried)"
    if arm_fault(proxy, step, {"provider": "oss-vectors", "operation": "DeleteVectors", "times": 1,
                               "seed": "sdk-throttle-py",
                               "action": {"kind": "partial", "status": 503, "code": "QpsLimitExceeded",
                                          "fraction": 0.5}}):
        def delete_second():
            try:
                return client.delete_vectors(models.DeleteVectorsRequest(
                    bucket=bucket, index_name=index, keys=second))
            finally:
                clear_faults(proxy)
        expect_ok(step, delete_second, [204])

    def check_gone(r):
        left = keys_of(r.vectors)
        return "" if not left else f"want no vector left of the 20, got {left}"
    expect_ok("GetVectors(after deletes)", lambda: client.get_vectors(models.GetVectorsRequest(
        bucket=bucket, index_name=index, keys=keys)), [200], check_gone)

    # (d) 409 is not retryable: one attempt, surfaced.
    expect_service_error("DeleteVectorBucket(not empty)", lambda: client.delete_vector_bucket(
        models.DeleteVectorBucketRequest(bucket=bucket)), 409, "VectorBucketNotEmpty")
    expect_ok("DeleteVectorIndex", lambda: client.delete_vector_index(
        models.DeleteVectorIndexRequest(bucket=bucket, index_name=index)), [204])
    expect_ok("DeleteVectorBucket", lambda: client.delete_vector_bucket(
        models.DeleteVectorBucketRequest(bucket=bucket)), [204])


def main():
    dry_run = os.environ.get("VCONF_DRY_RUN") == "1"
    proxy = os.environ.get("VCONF_OSS_ENDPOINT") or ("http://127.0.0.1:9" if dry_run else "")
    if not proxy:
        print("VCONF_OSS_ENDPOINT is required (e.g. http://127.0.0.1:PORT)", file=sys.stderr)
        return 2
    region = env("VCONF_REGION", "cn-hangzhou")
    endpoint = env("VCONF_OSS_VHOST_ENDPOINT", f"{region}.oss-vectors.aliyuncs.com")
    account = env("VCONF_ACCOUNT_ID", "1234567890")
    ak = env("VCONF_ACCESS_KEY_ID", "test")
    sk = env("VCONF_ACCESS_KEY_SECRET", "test")
    other_ak = env("VCONF_OTHER_ACCESS_KEY_ID", "other")
    other_sk = env("VCONF_OTHER_ACCESS_KEY_SECRET", "other")
    prefix = env("VCONF_BUCKET_PREFIX", "py")

    bucket = f"{prefix}-{secrets.token_hex(4)}"
    index = "pySdkIndex"

    client = make_client(proxy, endpoint, region, account, ak, sk, dry_run)
    mode = env("VCONF_MODE", "lifecycle")
    if mode == "throttle":
        if dry_run:
            print("VCONF_DRY_RUN does not apply to VCONF_MODE=throttle", file=sys.stderr)
            return 2
        run_throttle(client, proxy, bucket)
        if failed():
            print(f"{failed()} step(s) failed (bucket {bucket})", file=sys.stderr)
            return 1
        return 0
    if mode != "lifecycle":
        print(f"VCONF_MODE must be lifecycle or throttle, got {mode!r}", file=sys.stderr)
        return 2
    bad_secret = make_client(proxy, endpoint, region, account, ak, sk + "-wrong", dry_run)
    # The host names account 1234567890 (the bucket's owner); the key belongs to the second account.
    intruder = make_client(proxy, endpoint, region, account, other_ak, other_sk, dry_run)

    vecs = [
        {"key": "doc-001", "data": {"float32": [1.0, 0.0, 0.0, 0.0]},
         "metadata": {"genre": "drama", "year": "2020", "note": "first"}},
        {"key": "doc-002", "data": {"float32": [0.9, 0.1, 0.0, 0.0]},
         "metadata": {"genre": "comedy", "year": "2021", "note": "second"}},
        {"key": "doc-003", "data": {"float32": [0.0, 1.0, 0.0, 0.0]},
         "metadata": {"genre": "drama", "year": "2022", "note": "third"}},
        {"key": "doc-004", "data": {"float32": [0.0, 0.0, 1.0, 0.0]},
         "metadata": {"genre": "comedy", "year": "2020", "note": "fourth"}},
        {"key": "doc-005", "data": {"float32": [0.8, 0.2, 0.1, 0.0]},
         "metadata": {"genre": "drama", "year": "2021", "note": "fifth"}},
    ]
    by_key = {v["key"]: v for v in vecs}
    all_keys = [v["key"] for v in vecs]

    expect_ok("PutVectorBucket",
              lambda: client.put_vector_bucket(models.PutVectorBucketRequest(bucket=bucket)), [200])

    # The service names buckets by ARN (fact sheet §3.2; the SDK's own integration tests strip the prefix).
    bucket_arn = f"acs:ossvector:{region}:{account}:{bucket}"

    def check_get_bucket(r):
        name = getattr(r.bucket_info, "name", None)
        return "" if name == bucket_arn else f"bucket_info.name: want {bucket_arn!r}, got {name!r}"
    expect_ok("GetVectorBucket",
              lambda: client.get_vector_bucket(models.GetVectorBucketRequest(bucket=bucket)), [200], check_get_bucket)

    def check_list_buckets(r):
        names = [b.name for b in (r.buckets or [])]
        return "" if bucket_arn in names else f"bucket {bucket_arn!r} not listed; got {names}"
    expect_ok("ListVectorBuckets",
              lambda: client.list_vector_buckets(models.ListVectorBucketsRequest(prefix=prefix)), [200],
              check_list_buckets)

    expect_ok("PutVectorIndex", lambda: client.put_vector_index(models.PutVectorIndexRequest(
        bucket=bucket, index_name=index, data_type="float32", dimension=4, distance_metric="euclidean",
        metadata={"nonFilterableMetadataKeys": ["note"]})), [200])

    def check_get_index(r):
        ix = r.index or {}
        if (ix.get("indexName"), ix.get("dimension"), ix.get("distanceMetric"), ix.get("dataType")) != \
                (index, 4, "euclidean", "float32"):
            return f"unexpected index: {json.dumps(ix)}"
        return ""
    expect_ok("GetVectorIndex", lambda: client.get_vector_index(
        models.GetVectorIndexRequest(bucket=bucket, index_name=index)), [200], check_get_index)

    def check_list_indexes(r):
        names = [ix.get("indexName") for ix in (r.indexes or [])]
        return "" if names == [index] else f"want exactly [{index}], got {names}"
    expect_ok("ListVectorIndexes", lambda: client.list_vector_indexes(
        models.ListVectorIndexesRequest(bucket=bucket)), [200], check_list_indexes)

    expect_ok("PutVectors", lambda: client.put_vectors(
        models.PutVectorsRequest(bucket=bucket, index_name=index, vectors=vecs)), [200])

    def check_get_vectors(r):
        if keys_of(r.vectors) != ["doc-001", "doc-003"]:
            return f"keys: want ['doc-001', 'doc-003'], got {keys_of(r.vectors)}"
        for v in r.vectors:
            want = by_key[v["key"]]
            got = (v.get("data") or {}).get("float32") or []
            if len(got) != 4 or any(abs(a - b) > 1e-6 for a, b in zip(got, want["data"]["float32"])):
                return f"{v['key']}: data want {want['data']}, got {v.get('data')}"
            if v.get("metadata") != want["metadata"]:
                return f"{v['key']}: metadata want {want['metadata']}, got {v.get('metadata')}"
        return ""
    expect_ok("GetVectors", lambda: client.get_vectors(models.GetVectorsRequest(
        bucket=bucket, index_name=index, keys=["doc-001", "doc-003"], return_data=True, return_metadata=True)),
        [200], check_get_vectors)

    # ListVectors through the SDK paginator, 2 per page.
    pages = []

    def list_all():
        paginator = client.list_vectors_paginator(limit=2)
        last = None
        for page in paginator.iter_page(models.ListVectorsRequest(
                bucket=bucket, index_name=index, return_metadata=True)):
            pages.append(page)
            last = page
            if len(pages) > 20:
                break
        return last

    def check_list_vectors(_):
        keys = [v.get("key") for p in pages for v in (p.vectors or [])]
        if any(len(p.vectors or []) > 2 for p in pages):
            return f"a page holds more than maxResults 2: {[keys_of(p.vectors) for p in pages]}"
        if len(pages) < 3:
            return f"5 vectors at 2 per page should take 3 pages, took {len(pages)} ({keys})"
        if sorted(keys) != all_keys:
            return f"keys across {len(pages)} pages: want {all_keys} once each, got {keys}"
        return ""
    expect_ok("ListVectors(paginator)", list_all, [200], check_list_vectors)

    def check_query(r):
        hits = r.vectors or []
        got = [h.get("key") for h in hits]
        if got != ["doc-001", "doc-005"]:
            return f"want ['doc-001', 'doc-005'] in order, got {got}"
        prev = -1.0
        for h in hits:
            d = h.get("distance")
            if not isinstance(d, (int, float)):
                return f"{h.get('key')}: no numeric distance despite returnDistance ({h})"
            if d < prev - 1e-9:
                return f"distances not ascending: {hits}"
            prev = d
            if (h.get("metadata") or {}).get("genre") != "drama":
                return f"{h.get('key')}: metadata {h.get('metadata')} does not match the filter genre=drama"
        # euclidean: doc-001 is the query itself; doc-005 is sqrt(0.04+0.04+0.01) = 0.3 away (or 0.09 if squared).
        d0, d1 = hits[0]["distance"], hits[1]["distance"]
        if abs(d0) > 1e-4 or not (math.isclose(d1, 0.3, rel_tol=1e-3) or math.isclose(d1, 0.09, rel_tol=1e-3)):
            return f"euclidean distances: want ~0 and 0.3 (or 0.09 squared), got {d0}, {d1}"
        return ""
    expect_ok("QueryVectors", lambda: client.query_vectors(models.QueryVectorsRequest(
        bucket=bucket, index_name=index, query_vector={"float32": [1.0, 0.0, 0.0, 0.0]}, top_k=2,
        filter={"genre": {"$eq": "drama"}}, return_distance=True, return_metadata=True)), [200], check_query)

    # Seed 001: keys that do not exist are not an error; 204.
    expect_ok("DeleteVectors(with missing keys)", lambda: client.delete_vectors(models.DeleteVectorsRequest(
        bucket=bucket, index_name=index, keys=["doc-002", "doc-004", "no-such-key-1", "no-such-key-2"])), [204])

    def check_after_delete(r):
        want = ["doc-001", "doc-003", "doc-005"]
        return "" if keys_of(r.vectors) == want else f"want {want}, got {keys_of(r.vectors)}"
    expect_ok("GetVectors(after delete)", lambda: client.get_vectors(models.GetVectorsRequest(
        bucket=bucket, index_name=index, keys=all_keys, return_metadata=True)), [200], check_after_delete)

    # Seed 002: 409 VectorBucketNotEmpty while an index remains.
    expect_service_error("DeleteVectorBucket(not empty)", lambda: client.delete_vector_bucket(
        models.DeleteVectorBucketRequest(bucket=bucket)), 409, "VectorBucketNotEmpty")

    expect_service_error("GetVectorBucket(wrong secret)", lambda: bad_secret.get_vector_bucket(
        models.GetVectorBucketRequest(bucket=bucket)), 403, "SignatureDoesNotMatch")

    # Seed 002: only the owner may delete; 403 AccessDenied.
    expect_service_error("DeleteVectorBucket(other account)", lambda: intruder.delete_vector_bucket(
        models.DeleteVectorBucketRequest(bucket=bucket)), 403, "AccessDenied")

    # Seed 000: 204.
    expect_ok("DeleteVectorIndex", lambda: client.delete_vector_index(
        models.DeleteVectorIndexRequest(bucket=bucket, index_name=index)), [204])

    expect_ok("DeleteVectorBucket", lambda: client.delete_vector_bucket(
        models.DeleteVectorBucketRequest(bucket=bucket)), [204])

    expect_service_error("GetVectorBucket(deleted)", lambda: client.get_vector_bucket(
        models.GetVectorBucketRequest(bucket=bucket)), 404, "NoSuchBucket")

    if failed():
        print(f"{failed()} step(s) failed (bucket {bucket})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
