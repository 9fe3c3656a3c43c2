// Throttle mode (VCONF_MODE=throttle): how the Go SDK v2's default retryer (fact sheet oss-vectors.md §8.5: 3 attempts,
// retry on status >= 500, 401, 408, 429, RequestTimeTooSkewed, BadRequest; never on 409) reacts to the simulator's
// 503 QpsLimitExceeded throttle and to seed 001_3830517637282d1c.txt's non-atomic DeleteVectors (part of the batch
// applied, then 503).
//
// Arming faults: right before each faulted step this program itself POSTs the fault plan to the simulator's control
// endpoint (${VCONF_OSS_ENDPOINT}/__vconf/faults) and clears all plans (DELETE /__vconf/faults) right after it. That
// is a test program knowing it talks to vconf, not something an application would do; it keeps the plan next to the
// call it targets. The attempt counts themselves are asserted by test/sdk/oss-sdk-throttle.test.ts from the server's
// request journal, not here: this program only reports what the SDK returned to it.
//
// Steps (one JSON line each, like the lifecycle):
//
//	PutVectorBucket, PutVectorIndex, PutVectors(20)
//	DeleteVectors(503x2 then retried)   fail next 2 DeleteVectors with 503 QpsLimitExceeded → the call succeeds, 204
//	GetVectors(503x3 surfaced)          fail next 3 GetVectors with 503 QpsLimitExceeded → ServiceError 503
//	DeleteVectors(partial 503 then retried)  next DeleteVectors applies a seeded half, then 503 → retried, 204
//	GetVectors(after deletes)           all 20 keys gone
//	DeleteVectorBucket(not empty)       409 VectorBucketNotEmpty, surfaced at once (not retried)
//	DeleteVectorIndex, DeleteVectorBucket   clean-up
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"
	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/vectors"
)

// controlClient talks to the simulator's control endpoint directly (never through an ambient proxy).
var controlClient = &http.Client{Transport: &http.Transport{Proxy: nil}, Timeout: 10 * time.Second}

func control(endpoint, method, path string, body any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, strings.TrimRight(endpoint, "/")+"/__vconf/"+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := controlClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	text, _ := io.ReadAll(res.Body)
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("%s /__vconf/%s: %d %s", method, path, res.StatusCode, text)
	}
	return nil
}

// armFault installs one fault plan; a failure is reported as the step's failure.
func armFault(endpoint, step string, plan map[string]any) bool {
	if err := control(endpoint, "DELETE", "faults", nil); err != nil {
		emit(stepResult{Step: step, Code: "ControlError", Detail: "clearing fault plans: " + err.Error()})
		return false
	}
	if err := control(endpoint, "POST", "faults", plan); err != nil {
		emit(stepResult{Step: step, Code: "ControlError", Detail: "arming the fault plan: " + err.Error()})
		return false
	}
	return true
}

func clearFaults(endpoint string) {
	if err := control(endpoint, "DELETE", "faults", nil); err != nil {
		fmt.Fprintln(os.Stderr, "clearing fault plans:", err)
	}
}

func runThrottle(ctx context.Context, endpoint string, client *vectors.VectorsClient, bucket string) {
	const index = "goThrottleIndex"
	keys := make([]string, 20)
	payload := make([]map[string]any, 20)
	for i := range keys {
		keys[i] = fmt.Sprintf("vec-%02d", i)
		payload[i] = map[string]any{
			"key":      keys[i],
			"data":     map[string]any{"float32": []float64{float64(i + 1), 1, 0, 0}},
			"metadata": map[string]any{"n": fmt.Sprint(i)},
		}
	}
	first, second := keys[:10], keys[10:]
	throttle := map[string]any{"kind": "fail", "status": 503, "code": "QpsLimitExceeded"}

	{
		res, err := client.PutVectorBucket(ctx, &vectors.PutVectorBucketRequest{Bucket: oss.Ptr(bucket)})
		expectOK("PutVectorBucket", statusOf(res, err), err, []int{200}, nil)
	}
	{
		res, err := client.PutVectorIndex(ctx, &vectors.PutVectorIndexRequest{
			Bucket: oss.Ptr(bucket), IndexName: oss.Ptr(index), DataType: oss.Ptr("float32"),
			Dimension: oss.Ptr(4), DistanceMetric: oss.Ptr("euclidean"),
		})
		expectOK("PutVectorIndex", statusOf(res, err), err, []int{200}, nil)
	}
	{
		res, err := client.PutVectors(ctx, &vectors.PutVectorsRequest{Bucket: oss.Ptr(bucket), IndexName: oss.Ptr(index), Vectors: payload})
		expectOK("PutVectors(20)", statusOf(res, err), err, []int{200}, nil)
	}

	// (a) Two throttles, then success: the default retryer's 3 attempts absorb them.
	step := "DeleteVectors(503x2 then retried)"
	if armFault(endpoint, step, map[string]any{"provider": "oss-vectors", "operation": "DeleteVectors", "times": 2, "action": throttle}) {
		start := time.Now()
		res, err := client.DeleteVectors(ctx, &vectors.DeleteVectorsRequest{Bucket: oss.Ptr(bucket), IndexName: oss.Ptr(index), Keys: first})
		fmt.Fprintf(os.Stderr, "%s took %s (the retryer's backoff included)\n", step, time.Since(start))
		clearFaults(endpoint)
		expectOK(step, statusOf(res, err), err, []int{204}, nil)
	}

	// (b) Three throttles: all 3 attempts fail and the SDK surfaces the last one.
	step = "GetVectors(503x3 surfaced)"
	if armFault(endpoint, step, map[string]any{"provider": "oss-vectors", "operation": "GetVectors", "times": 3, "action": throttle}) {
		res, err := client.GetVectors(ctx, &vectors.GetVectorsRequest{Bucket: oss.Ptr(bucket), IndexName: oss.Ptr(index), Keys: second})
		clearFaults(endpoint)
		expectServiceError(step, statusOf(res, err), err, 503, "QpsLimitExceeded")
	}

	// (c) Seed 001: a seeded half of the batch is deleted, then 503; the SDK resends the same batch, which succeeds
	// (keys already gone are not an error).
	step = "DeleteVectors(partial 503 then retried)"
	if armFault(endpoint, step, map[string]any{
		"provider": "oss-vectors", "operation": "DeleteVectors", "times": 1, "seed": "sdk-throttle-go",
		"action": map[string]any{"kind": "partial", "status": 503, "code": "QpsLimitExceeded", "fraction": 0.5},
	}) {
		res, err := client.DeleteVectors(ctx, &vectors.DeleteVectorsRequest{Bucket: oss.Ptr(bucket), IndexName: oss.Ptr(index), Keys: second})
		clearFaults(endpoint)
		expectOK(step, statusOf(res, err), err, []int{204}, nil)
	}
	{
		res, err := client.GetVectors(ctx, &vectors.GetVectorsRequest{Bucket: oss.Ptr(bucket), IndexName: oss.Ptr(index), Keys: keys})
		expectOK("GetVectors(after deletes)", statusOf(res, err), err, []int{200}, func() string {
			if left := keysOf(res.Vectors); len(left) != 0 {
				return fmt.Sprintf("want no vector left of the 20, got %v", left)
			}
			return ""
		})
	}

	// (d) 409 is not retryable: one attempt, surfaced.
	{
		res, err := client.DeleteVectorBucket(ctx, &vectors.DeleteVectorBucketRequest{Bucket: oss.Ptr(bucket)})
		expectServiceError("DeleteVectorBucket(not empty)", statusOf(res, err), err, 409, "VectorBucketNotEmpty")
	}
	{
		res, err := client.DeleteVectorIndex(ctx, &vectors.DeleteVectorIndexRequest{Bucket: oss.Ptr(bucket), IndexName: oss.Ptr(index)})
		expectOK("DeleteVectorIndex", statusOf(res, err), err, []int{204}, nil)
	}
	{
		res, err := client.DeleteVectorBucket(ctx, &vectors.DeleteVectorBucketRequest{Bucket: oss.Ptr(bucket)})
		expectOK("DeleteVectorBucket", statusOf(res, err), err, []int{204}, nil)
	}
}
