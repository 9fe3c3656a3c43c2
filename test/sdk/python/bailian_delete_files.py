"""Drive the official Alibaba Cloud Model Studio (Bailian) Python SDK (alibabacloud_bailian20231229, the first SDK with
DeleteFiles: 2.13.0) against the vconf simulator over HTTP, signing on (ACS3-HMAC-SHA256), default runtime options.

DeleteFiles is the point (seed 004_ce74739a6d71172a.txt): a mixed batch of deletable, failed, still-parsing and
unknown ids must answer DELETED / DELETED / FAILED / NOT_FOUND per file, a repeat must be idempotent, and bad batches
(0 or 21 ids), other workspaces, wrong secrets and the 10-QPS throttle must surface as the SDK's exceptions. Files are
made with the same SDK: ApplyFileUploadLease, an HTTP PUT of the bytes to the leased URL (as the SDK docs show, with
requests), AddFile; DescribeFile is polled until parsing ends. File names use the simulator's conventions to fail
parsing (`vconf-parse-fail`) or stay PARSING (`vconf-parse-stuck`).

Environment:
  VCONF_BAILIAN_ENDPOINT    host:port of the simulator (the SDK's endpoint, used verbatim as Host)
  VCONF_ACCESS_KEY_ID, VCONF_ACCESS_KEY_SECRET   default test / test
  VCONF_WORKSPACE_ID        default llm-simulator
  VCONF_OTHER_WORKSPACE_ID  a workspace of another account (default llm-other)

Prints one JSON object per step on stdout ({"step","ok","status","code","detail"}) and exits 1 if any expectation
failed (2 on a usage error).
"""

import hashlib
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import requests
from alibabacloud_bailian20231229 import models
from alibabacloud_bailian20231229.client import Client
from alibabacloud_tea_openapi import utils_models as open_api_models
from steps import emit, failed


def error_of(err):
    """(status, code, message) of an SDK exception, or None for anything else."""
    code = getattr(err, "code", None)
    if code is None:
        return None
    return getattr(err, "status_code", 0) or 0, code, getattr(err, "message", "") or ""


def make_client(endpoint, ak, sk):
    cfg = open_api_models.Config(access_key_id=ak, access_key_secret=sk, endpoint=endpoint, protocol="http")
    cfg.read_timeout = 20000
    cfg.connect_timeout = 5000
    return Client(cfg)


def expect_error(step, call, want_status, want_code, exc_name=None):
    try:
        result = call()
    except Exception as err:  # noqa: BLE001 - every failure is reported as a step
        found = error_of(err)
        if found is None:
            return emit(step, False, 0, "ClientError", f"{type(err).__name__}: {err}")
        status, code, message = found
        ok = status == want_status and code == want_code and (exc_name is None or type(err).__name__ == exc_name)
        return emit(step, ok, status, code, f"{type(err).__name__} {status} {code}: {message}"[:300])
    body = getattr(result, "body", None)
    return emit(step, False, getattr(result, "status_code", 0), "", f"expected {want_status} {want_code}, got success: {body}")


def results_of(resp):
    return [(r.file_id, r.status) for r in (resp.body.data.delete_file_result_list or [])]


def add_file(client, ws, name, content):
    data = content.encode()
    lease = client.apply_file_upload_lease("default", ws, models.ApplyFileUploadLeaseRequest(
        file_name=name, md_5=hashlib.md5(data).hexdigest(), size_in_bytes=str(len(data)))).body.data
    put = requests.request(lease.param.method, lease.param.url, data=data, headers=lease.param.headers, timeout=20)
    if put.status_code != 200:
        raise RuntimeError(f"upload of {name} answered {put.status_code}: {put.text[:200]}")
    added = client.add_file(ws, models.AddFileRequest(
        lease_id=lease.file_upload_lease_id, parser="DASHSCOPE_DOCMIND", category_id="default"))
    return added.body.data.file_id


def main():
    endpoint = os.environ.get("VCONF_BAILIAN_ENDPOINT", "")
    if not endpoint:
        print("VCONF_BAILIAN_ENDPOINT is required (host:port)", file=sys.stderr)
        return 2
    ak = os.environ.get("VCONF_ACCESS_KEY_ID") or "test"
    sk = os.environ.get("VCONF_ACCESS_KEY_SECRET") or "test"
    ws = os.environ.get("VCONF_WORKSPACE_ID") or "llm-simulator"
    other_ws = os.environ.get("VCONF_OTHER_WORKSPACE_ID") or "llm-other"
    client = make_client(endpoint, ak, sk)

    try:
        ok_id = add_file(client, ws, "py-ok.pdf", "parses fine")
        failed_id = add_file(client, ws, "py-bad.vconf-parse-fail.pdf", "fails to parse")
        stuck_id = add_file(client, ws, "py-slow.vconf-parse-stuck.pdf", "never finishes")
        emit("CreateFiles", True, 200, "", f"{ok_id} {failed_id} {stuck_id}")
    except Exception as err:  # noqa: BLE001
        emit("CreateFiles", False, 0, type(err).__name__, str(err)[:300])
        return 1

    deadline = time.time() + 30
    statuses = {}
    while time.time() < deadline:
        try:
            statuses = {i: client.describe_file(ws, i, models.DescribeFileRequest()).body.data.status
                        for i in (ok_id, failed_id, stuck_id)}
        except Exception as err:  # noqa: BLE001 - DescribeFile allows 10 calls per second: back off when told to
            if type(err).__name__ != "ThrottlingException":
                emit("WaitForParsing", False, *(error_of(err) or (0, type(err).__name__))[:2], str(err)[:300])
                return 1
            time.sleep((getattr(err, "retry_after", None) or 500) / 1000)
            continue
        if statuses[ok_id] == "PARSE_SUCCESS" and statuses[failed_id] == "PARSE_FAILED":
            break
        time.sleep(0.5)
    emit("WaitForParsing", statuses.get(ok_id) == "PARSE_SUCCESS" and statuses.get(failed_id) == "PARSE_FAILED"
         and statuses.get(stuck_id) == "PARSING", 200, "", json.dumps(statuses))

    unknown = "file_00000000000000000000000000000000_00000000"
    batch = [ok_id, failed_id, stuck_id, unknown]
    try:
        resp = client.delete_files(ws, models.DeleteFilesRequest(file_ids=batch))
        got = results_of(resp)
        want = [(ok_id, "DELETED"), (failed_id, "DELETED"), (stuck_id, "FAILED"), (unknown, "NOT_FOUND")]
        emit("DeleteFiles(mixed)", got == want and resp.body.success is True and resp.status_code == 200,
             resp.status_code, resp.body.code, json.dumps(got))
    except Exception as err:  # noqa: BLE001
        emit("DeleteFiles(mixed)", False, *(error_of(err) or (0, type(err).__name__, str(err)))[:2], str(err)[:300])

    try:
        resp = client.delete_files(ws, models.DeleteFilesRequest(file_ids=batch))
        got = results_of(resp)
        want = [(ok_id, "NOT_FOUND"), (failed_id, "NOT_FOUND"), (stuck_id, "FAILED"), (unknown, "NOT_FOUND")]
        emit("DeleteFiles(repeat)", got == want, resp.status_code, resp.body.code, json.dumps(got))
    except Exception as err:  # noqa: BLE001
        emit("DeleteFiles(repeat)", False, 0, type(err).__name__, str(err)[:300])

    expect_error("DescribeFile(deleted)", lambda: client.describe_file(ws, ok_id, models.DescribeFileRequest()), 400, "InvalidParameter")

    try:
        listed = client.list_file(ws, models.ListFileRequest(category_id="default", file_ids=batch, max_results=20))
        ids = sorted(f.file_id for f in (listed.body.data.file_list or []))
        emit("ListFile(after delete)", ids == [stuck_id], listed.status_code, "", json.dumps(ids))
    except Exception as err:  # noqa: BLE001
        emit("ListFile(after delete)", False, 0, type(err).__name__, str(err)[:300])

    expect_error("DeleteFiles(21 ids)", lambda: client.delete_files(
        ws, models.DeleteFilesRequest(file_ids=[f"file_{i}" for i in range(21)])), 400, "InvalidParameter")
    expect_error("DeleteFiles(0 ids)", lambda: client.delete_files(ws, models.DeleteFilesRequest(file_ids=[])),
                 400, "InvalidParameter")
    expect_error("DeleteFiles(other account's workspace)", lambda: client.delete_files(
        other_ws, models.DeleteFilesRequest(file_ids=[stuck_id])), 403, "Forbidden")
    wrong = make_client(endpoint, ak, sk + "-wrong")
    expect_error("DeleteFiles(wrong secret)", lambda: wrong.delete_files(
        ws, models.DeleteFilesRequest(file_ids=[stuck_id])), 400, "SignatureDoesNotMatch")

    # Seed 004: at most 10 calls per second. The simulator's documented limit answers the 11th with a throttle,
    # which the SDK raises as ThrottlingException carrying x-acs-retry-after.
    # 20 calls at once, so the burst exceeds 10 per second however slow the machine is.
    def one_call(_):
        try:
            client.delete_files(ws, models.DeleteFilesRequest(file_ids=[unknown]))
            return None
        except Exception as err:  # noqa: BLE001
            return err

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(one_call, range(20)))
    errors = [e for e in outcomes if e is not None]
    accepted = len(outcomes) - len(errors)
    throttled = next((e for e in errors if type(e).__name__ == "ThrottlingException"), None)
    if throttled is None:
        emit("DeleteFiles(throttled)", False, 0, "", f"{accepted} of 20 concurrent calls accepted, errors: {errors[:2]}")
    else:
        status, code, message = error_of(throttled) or (0, type(throttled).__name__, str(throttled))
        retry_after = getattr(throttled, "retry_after", None)
        others = [e for e in errors if type(e).__name__ != "ThrottlingException"]
        emit("DeleteFiles(throttled)", status == 429 and code == "Throttling.User" and bool(retry_after)
             and accepted <= 10 and not others,
             status, code, f"{accepted} of 20 accepted; ThrottlingException retry_after={retry_after}: {message}"[:300])

    if failed():
        print(f"{failed()} step(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
