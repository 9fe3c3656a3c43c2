// Command oss-lifecycle drives the official Alibaba Cloud OSS Go SDK v2 (package oss/vectors) through the whole
// vector-bucket lifecycle against the endpoint named in the environment (the vconf simulator), with signing on and
// the SDK's default retry policy.
//
// Environment:
//
//	VCONF_OSS_ENDPOINT        http://127.0.0.1:PORT (an IP host: the SDK switches to path style, /{bucket}/?op)
//	VCONF_ACCOUNT_ID          account that owns the buckets created here (default 1234567890)
//	VCONF_ACCESS_KEY_ID       its access key id (default test)
//	VCONF_ACCESS_KEY_SECRET   its secret (default test)
//	VCONF_REGION              region (default cn-hangzhou)
//	VCONF_BUCKET_PREFIX       bucket name prefix (default go); a random suffix keeps names unique per run
//	VCONF_OTHER_ACCOUNT_ID, VCONF_OTHER_ACCESS_KEY_ID, VCONF_OTHER_ACCESS_KEY_SECRET
//	                          a second account (defaults 9876543210 / other / other)
//	VCONF_MODE                lifecycle (default) or throttle: the SDK's retryer against injected 503 QpsLimitExceeded
//	                          and partial deletes (see throttle.go; that mode arms its own faults on the control endpoint)
//
// Prints one JSON object per step on stdout ({"step","ok","status","code","detail"}) and exits 1 if any
// expectation failed (2 on a usage error).
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"
	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/credentials"
	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/vectors"
)

type stepResult struct {
	Step   string `json:"step"`
	OK     bool   `json:"ok"`
	Status int    `json:"status"`
	Code   string `json:"code"`
	Detail string `json:"detail"`
}

var failed int

func emit(r stepResult) {
	if !r.OK {
		failed++
	}
	b, _ := json.Marshal(r)
	fmt.Println(string(b))
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func randomSuffix() string {
	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// outcome turns an SDK call's (status, error) into the status and code to report.
func outcome(status int, err error) (int, string, *oss.ServiceError) {
	if err == nil {
		return status, "", nil
	}
	var se *oss.ServiceError
	if errors.As(err, &se) {
		return se.StatusCode, se.Code, se
	}
	return 0, "ClientError", nil
}

// expectOK records a step that must succeed with one of the given statuses; check (optional) validates the result.
func expectOK(step string, status int, err error, want []int, check func() string) bool {
	st, code, _ := outcome(status, err)
	r := stepResult{Step: step, Status: st, Code: code}
	switch {
	case err != nil:
		r.Detail = err.Error()
	case !containsInt(want, status):
		r.Detail = fmt.Sprintf("expected status %v, got %d", want, status)
	default:
		r.OK = true
		if check != nil {
			if msg := check(); msg != "" {
				r.OK = false
				r.Detail = msg
			}
		}
	}
	if r.OK && r.Detail == "" {
		r.Detail = "ok"
	}
	emit(r)
	return r.OK
}

// expectServiceError records a step that must fail with the SDK's *oss.ServiceError of this status and code.
func expectServiceError(step string, status int, err error, wantStatus int, wantCode string) bool {
	st, code, se := outcome(status, err)
	r := stepResult{Step: step, Status: st, Code: code}
	switch {
	case err == nil:
		r.Detail = fmt.Sprintf("expected %d %s, but the call succeeded with %d", wantStatus, wantCode, status)
	case se == nil:
		r.Detail = fmt.Sprintf("expected *oss.ServiceError %d %s, got %T: %v", wantStatus, wantCode, err, err)
	case se.StatusCode != wantStatus || se.Code != wantCode:
		r.Detail = fmt.Sprintf("expected %d %s, got %d %s: %s", wantStatus, wantCode, se.StatusCode, se.Code, se.Message)
	default:
		r.OK = true
		r.Detail = fmt.Sprintf("ServiceError %d %s (request id %q): %s", se.StatusCode, se.Code, se.RequestID, se.Message)
	}
	emit(r)
	return r.OK
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func keysOf(vs []map[string]any) []string {
	keys := make([]string, 0, len(vs))
	for _, v := range vs {
		k, _ := v["key"].(string)
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sameSet(got, want []string) bool {
	g := append([]string(nil), got...)
	w := append([]string(nil), want...)
	sort.Strings(g)
	sort.Strings(w)
	return strings.Join(g, "\x00") == strings.Join(w, "\x00")
}

func float32s(v any) []float64 {
	arr, _ := v.([]any)
	out := make([]float64, 0, len(arr))
	for _, x := range arr {
		f, _ := x.(float64)
		out = append(out, f)
	}
	return out
}

func newClient(endpoint, region, accountID, ak, sk string) *vectors.VectorsClient {
	cfg := oss.LoadDefaultConfig().
		WithRegion(region).
		WithEndpoint(endpoint). // an IP host: the SDK uses path style by itself
		WithAccountId(accountID).
		WithCredentialsProvider(credentials.NewStaticCredentialsProvider(ak, sk)).
		WithConnectTimeout(5 * time.Second).
		WithReadWriteTimeout(20 * time.Second)
	return vectors.NewVectorsClient(cfg)
}

type testVector struct {
	key      string
	data     []float64
	metadata map[string]any
}

func main() {
	endpoint := os.Getenv("VCONF_OSS_ENDPOINT")
	if endpoint == "" {
		fmt.Fprintln(os.Stderr, "VCONF_OSS_ENDPOINT is required (e.g. http://127.0.0.1:PORT)")
		os.Exit(2)
	}
	region := env("VCONF_REGION", "cn-hangzhou")
	account := env("VCONF_ACCOUNT_ID", "1234567890")
	ak := env("VCONF_ACCESS_KEY_ID", "test")
	sk := env("VCONF_ACCESS_KEY_SECRET", "test")
	otherAK := env("VCONF_OTHER_ACCESS_KEY_ID", "other")
	otherSK := env("VCONF_OTHER_ACCESS_KEY_SECRET", "other")
	prefix := env("VCONF_BUCKET_PREFIX", "go")

	bucket := fmt.Sprintf("%s-%s", prefix, randomSuffix())
	bucketArn := fmt.Sprintf("acs:ossvector:%s:%s:%s", region, account, bucket)
	index := "goSdkIndex"
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	client := newClient(endpoint, region, account, ak, sk)
	switch mode := env("VCONF_MODE", "lifecycle"); mode {
	case "lifecycle":
	case "throttle":
		runThrottle(ctx, endpoint, client, bucket)
		if failed > 0 {
			fmt.Fprintf(os.Stderr, "%d step(s) failed (bucket %s)\n", failed, bucket)
			os.Exit(1)
		}
		return
	default:
		fmt.Fprintf(os.Stderr, "VCONF_MODE must be lifecycle or throttle, got %q\n", mode)
		os.Exit(2)
	}
	// The same account id and bucket, signed with a wrong secret.
	badSecret := newClient(endpoint, region, account, ak, sk+"-wrong")
	// The second account's own credentials aimed at the first account's bucket: path style carries no account id in
	// the host, so the simulator attributes the request to the key's account, which does not own the bucket.
	// The signer's ARN names the target account (the one in the bucket's virtual host name).
	intruder := newClient(endpoint, region, env("VCONF_OTHER_TARGET_ACCOUNT_ID", account), otherAK, otherSK)

	vecs := []testVector{
		{"doc-001", []float64{1, 0, 0, 0}, map[string]any{"genre": "drama", "year": "2020", "note": "first"}},
		{"doc-002", []float64{0.9, 0.1, 0, 0}, map[string]any{"genre": "comedy", "year": "2021", "note": "second"}},
		{"doc-003", []float64{0, 1, 0, 0}, map[string]any{"genre": "drama", "year": "2022", "note": "third"}},
		{"doc-004", []float64{0, 0, 1, 0}, map[string]any{"genre": "comedy", "year": "2020", "note": "fourth"}},
		{"doc-005", []float64{0.8, 0.2, 0.1, 0}, map[string]any{"genre": "drama", "year": "2021", "note": "fifth"}},
	}
	allKeys := []string{}
	payload := []map[string]any{}
	for _, v := range vecs {
		allKeys = append(allKeys, v.key)
		payload = append(payload, map[string]any{
			"key":      v.key,
			"data":     map[string]any{"float32": v.data},
			"metadata": v.metadata,
		})
	}

	// PutVectorBucket
	{
		res, err := client.PutVectorBucket(ctx, &vectors.PutVectorBucketRequest{Bucket: oss.Ptr(bucket)})
		expectOK("PutVectorBucket", statusOf(res, err), err, []int{200}, nil)
	}
	// GetVectorBucket
	{
		res, err := client.GetVectorBucket(ctx, &vectors.GetVectorBucketRequest{Bucket: oss.Ptr(bucket)})
		expectOK("GetVectorBucket", statusOf(res, err), err, []int{200}, func() string {
			// The service names buckets by ARN (fact sheet §3.2; the SDK's own integration tests strip the prefix).
			if res.BucketInfo == nil || oss.ToString(res.BucketInfo.Name) != bucketArn {
				b, _ := json.Marshal(res.BucketInfo)
				return fmt.Sprintf("BucketInfo.Name: want %q, got %s", bucketArn, b)
			}
			return ""
		})
	}
	// ListVectorBuckets (regional endpoint, no bucket in the path)
	{
		res, err := client.ListVectorBuckets(ctx, &vectors.ListVectorBucketsRequest{Prefix: oss.Ptr(prefix)})
		expectOK("ListVectorBuckets", statusOf(res, err), err, []int{200}, func() string {
			names := []string{}
			for _, b := range res.Buckets {
				names = append(names, oss.ToString(b.Name))
				if oss.ToString(b.Name) == bucketArn {
					return ""
				}
			}
			return fmt.Sprintf("bucket %q not listed; got %v", bucketArn, names)
		})
	}
	// PutVectorIndex
	{
		res, err := client.PutVectorIndex(ctx, &vectors.PutVectorIndexRequest{
			Bucket:         oss.Ptr(bucket),
			IndexName:      oss.Ptr(index),
			DataType:       oss.Ptr("float32"),
			Dimension:      oss.Ptr(4),
			DistanceMetric: oss.Ptr("cosine"),
			Metadata:       map[string]any{"nonFilterableMetadataKeys": []string{"note"}},
		})
		expectOK("PutVectorIndex", statusOf(res, err), err, []int{200}, nil)
	}
	// GetVectorIndex
	{
		res, err := client.GetVectorIndex(ctx, &vectors.GetVectorIndexRequest{Bucket: oss.Ptr(bucket), IndexName: oss.Ptr(index)})
		expectOK("GetVectorIndex", statusOf(res, err), err, []int{200}, func() string {
			ix := res.Index
			if ix == nil {
				return "no index in the response"
			}
			if oss.ToString(ix.IndexName) != index || ix.Dimension == nil || *ix.Dimension != 4 ||
				oss.ToString(ix.DistanceMetric) != "cosine" || oss.ToString(ix.DataType) != "float32" {
				b, _ := json.Marshal(ix)
				return "unexpected index: " + string(b)
			}
			return ""
		})
	}
	// ListVectorIndexes
	{
		res, err := client.ListVectorIndexes(ctx, &vectors.ListVectorIndexesRequest{Bucket: oss.Ptr(bucket)})
		expectOK("ListVectorIndexes", statusOf(res, err), err, []int{200}, func() string {
			if len(res.Indexes) != 1 || oss.ToString(res.Indexes[0].IndexName) != index {
				b, _ := json.Marshal(res.Indexes)
				return fmt.Sprintf("want exactly [%s], got %s", index, b)
			}
			return ""
		})
	}
	// PutVectors
	{
		res, err := client.PutVectors(ctx, &vectors.PutVectorsRequest{Bucket: oss.Ptr(bucket), IndexName: oss.Ptr(index), Vectors: payload})
		expectOK("PutVectors", statusOf(res, err), err, []int{200}, nil)
	}
	// GetVectors
	{
		res, err := client.GetVectors(ctx, &vectors.GetVectorsRequest{
			Bucket: oss.Ptr(bucket), IndexName: oss.Ptr(index), Keys: []string{"doc-001", "doc-003"},
			ReturnData: oss.Ptr(true), ReturnMetadata: oss.Ptr(true),
		})
		expectOK("GetVectors", statusOf(res, err), err, []int{200}, func() string {
			if !sameSet(keysOf(res.Vectors), []string{"doc-001", "doc-003"}) {
				return fmt.Sprintf("keys: want [doc-001 doc-003], got %v", keysOf(res.Vectors))
			}
			for _, v := range res.Vectors {
				key, _ := v["key"].(string)
				want := vecs[0]
				if key == "doc-003" {
					want = vecs[2]
				}
				data, _ := v["data"].(map[string]any)
				got := float32s(data["float32"])
				if len(got) != 4 {
					return fmt.Sprintf("%s: data.float32 want %v, got %v", key, want.data, data)
				}
				for i := range got {
					if math.Abs(got[i]-want.data[i]) > 1e-6 {
						return fmt.Sprintf("%s: data.float32 want %v, got %v", key, want.data, got)
					}
				}
				md, _ := v["metadata"].(map[string]any)
				if md["genre"] != want.metadata["genre"] || md["note"] != want.metadata["note"] {
					return fmt.Sprintf("%s: metadata want %v, got %v", key, want.metadata, md)
				}
			}
			return ""
		})
	}
	// ListVectors through the SDK paginator, 2 per page
	{
		p := client.NewListVectorsPaginator(&vectors.ListVectorsRequest{
			Bucket: oss.Ptr(bucket), IndexName: oss.Ptr(index), ReturnMetadata: oss.Ptr(true),
		}, func(o *oss.PaginatorOptions) { o.Limit = 2 })
		var keys []string
		pages, status := 0, 0
		var err error
		for p.HasNext() && pages < 20 {
			var page *vectors.ListVectorsResult
			page, err = p.NextPage(ctx)
			if err != nil {
				break
			}
			pages++
			status = page.StatusCode
			if len(page.Vectors) > 2 {
				err = fmt.Errorf("page %d has %d vectors, more than maxResults 2", pages, len(page.Vectors))
				break
			}
			keys = append(keys, keysOf(page.Vectors)...)
		}
		expectOK("ListVectors(paginator)", status, err, []int{200}, func() string {
			if pages < 3 {
				return fmt.Sprintf("5 vectors at 2 per page should take 3 pages, took %d (keys %v)", pages, keys)
			}
			if len(keys) != len(allKeys) || !sameSet(keys, allKeys) {
				return fmt.Sprintf("keys across %d pages: want %v once each, got %v", pages, allKeys, keys)
			}
			return ""
		})
	}
	// QueryVectors: topK 2 nearest to doc-001 among genre == drama
	{
		res, err := client.QueryVectors(ctx, &vectors.QueryVectorsRequest{
			Bucket: oss.Ptr(bucket), IndexName: oss.Ptr(index),
			QueryVector:    map[string]any{"float32": []float64{1, 0, 0, 0}},
			TopK:           oss.Ptr(2),
			Filter:         map[string]any{"genre": map[string]any{"$eq": "drama"}},
			ReturnDistance: oss.Ptr(true),
			ReturnMetadata: oss.Ptr(true),
		})
		expectOK("QueryVectors", statusOf(res, err), err, []int{200}, func() string {
			got := []string{}
			for _, v := range res.Vectors {
				k, _ := v["key"].(string)
				got = append(got, k)
			}
			if strings.Join(got, ",") != "doc-001,doc-005" {
				return fmt.Sprintf("want [doc-001 doc-005] in order, got %v", got)
			}
			prev := -1.0
			for _, v := range res.Vectors {
				d, ok := v["distance"].(float64)
				if !ok {
					return fmt.Sprintf("%v: no numeric distance despite returnDistance", v["key"])
				}
				if d < prev-1e-9 {
					return fmt.Sprintf("distances not ascending: %v", res.Vectors)
				}
				prev = d
				md, _ := v["metadata"].(map[string]any)
				if md["genre"] != "drama" {
					return fmt.Sprintf("%v: metadata %v does not match the filter genre=drama", v["key"], md)
				}
			}
			if d, _ := res.Vectors[0]["distance"].(float64); math.Abs(d) > 1e-4 {
				return fmt.Sprintf("cosine distance of doc-001 to itself: want ~0, got %v", d)
			}
			return ""
		})
	}
	// DeleteVectors, including keys that do not exist (seed 001: missing keys are not an error, 204)
	{
		res, err := client.DeleteVectors(ctx, &vectors.DeleteVectorsRequest{
			Bucket: oss.Ptr(bucket), IndexName: oss.Ptr(index),
			Keys: []string{"doc-002", "doc-004", "no-such-key-1", "no-such-key-2"},
		})
		expectOK("DeleteVectors(with missing keys)", statusOf(res, err), err, []int{204}, nil)
	}
	// GetVectors after the delete: deleted keys gone, others kept
	{
		res, err := client.GetVectors(ctx, &vectors.GetVectorsRequest{
			Bucket: oss.Ptr(bucket), IndexName: oss.Ptr(index), Keys: allKeys, ReturnMetadata: oss.Ptr(true),
		})
		expectOK("GetVectors(after delete)", statusOf(res, err), err, []int{200}, func() string {
			want := []string{"doc-001", "doc-003", "doc-005"}
			if !sameSet(keysOf(res.Vectors), want) {
				return fmt.Sprintf("want %v, got %v", want, keysOf(res.Vectors))
			}
			return ""
		})
	}
	// DeleteVectorBucket while the index remains (seed 002: 409 VectorBucketNotEmpty)
	{
		res, err := client.DeleteVectorBucket(ctx, &vectors.DeleteVectorBucketRequest{Bucket: oss.Ptr(bucket)})
		expectServiceError("DeleteVectorBucket(not empty)", statusOf(res, err), err, 409, "VectorBucketNotEmpty")
	}
	// A wrong secret: 403 SignatureDoesNotMatch
	{
		res, err := badSecret.GetVectorBucket(ctx, &vectors.GetVectorBucketRequest{Bucket: oss.Ptr(bucket)})
		expectServiceError("GetVectorBucket(wrong secret)", statusOf(res, err), err, 403, "SignatureDoesNotMatch")
	}
	// The second account deleting the first account's bucket (seed 002: 403 AccessDenied for non-owners)
	{
		res, err := intruder.DeleteVectorBucket(ctx, &vectors.DeleteVectorBucketRequest{Bucket: oss.Ptr(bucket)})
		expectServiceError("DeleteVectorBucket(other account)", statusOf(res, err), err, 403, "AccessDenied")
	}
	// DeleteVectorIndex (seed 000: 204)
	{
		res, err := client.DeleteVectorIndex(ctx, &vectors.DeleteVectorIndexRequest{Bucket: oss.Ptr(bucket), IndexName: oss.Ptr(index)})
		expectOK("DeleteVectorIndex", statusOf(res, err), err, []int{204}, nil)
	}
	// DeleteVectorBucket, now empty (seed 002: 204)
	{
		res, err := client.DeleteVectorBucket(ctx, &vectors.DeleteVectorBucketRequest{Bucket: oss.Ptr(bucket)})
		expectOK("DeleteVectorBucket", statusOf(res, err), err, []int{204}, nil)
	}
	// GetVectorBucket after the delete: 404 NoSuchBucket
	{
		res, err := client.GetVectorBucket(ctx, &vectors.GetVectorBucketRequest{Bucket: oss.Ptr(bucket)})
		expectServiceError("GetVectorBucket(deleted)", statusOf(res, err), err, 404, "NoSuchBucket")
	}

	if failed > 0 {
		fmt.Fprintf(os.Stderr, "%d step(s) failed (bucket %s)\n", failed, bucket)
		os.Exit(1)
	}
}

// statusOf reads the HTTP status of any SDK result (they all embed oss.ResultCommon).
func statusOf(res any, err error) int {
	if err != nil || res == nil {
		return 0
	}
	v := reflect.ValueOf(res)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return 0
		}
		v = v.Elem()
	}
	if f := v.FieldByName("StatusCode"); f.IsValid() && f.CanInt() {
		return int(f.Int())
	}
	return 0
}
