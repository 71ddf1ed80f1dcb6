package warcstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// S3Options say where the bucket is. Credentials come from the
// environment, never from a file: AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY and, when set, AWS_SESSION_TOKEN.
type S3Options struct {
	Bucket    string // required
	Prefix    string // put before every file name ("archivio/warc/")
	Endpoint  string // the server's URL; empty for AWS itself
	Region    string // default "us-east-1"
	PathStyle bool   // bucket in the path, not the host name (most self-hosted servers)
	// PartSize is the size of a multipart upload's parts, at least 5 MiB
	// (S3's minimum for all but the last). Default 16 MiB.
	PartSize   int64
	HTTPClient *http.Client // default http.DefaultClient
	Getenv     func(string) string
}

// S3 keeps WARC files in an S3-compatible bucket.
type S3 struct {
	opts   S3Options
	client *s3.Client
}

// minPart is S3's smallest part but the last.
const minPart = 5 << 20

// NewS3 returns a client of the bucket.
func NewS3(opts S3Options) (*S3, error) {
	if opts.Bucket == "" {
		return nil, errors.New("s3 storage: no bucket")
	}
	if opts.Region == "" {
		opts.Region = "us-east-1"
	}
	if opts.PartSize == 0 {
		opts.PartSize = 16 << 20
	}
	if opts.PartSize < minPart {
		return nil, fmt.Errorf("s3 storage: part size %d: at least %d", opts.PartSize, minPart)
	}
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = http.DefaultClient
	}
	id, secret := opts.Getenv("AWS_ACCESS_KEY_ID"), opts.Getenv("AWS_SECRET_ACCESS_KEY")
	if id == "" || secret == "" {
		return nil, errors.New("s3 storage: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set in the environment")
	}
	o := s3.Options{
		Region:       opts.Region,
		Credentials:  aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider(id, secret, opts.Getenv("AWS_SESSION_TOKEN"))),
		UsePathStyle: opts.PathStyle,
		HTTPClient:   opts.HTTPClient,
		// Checksums only where the API requires them: the default
		// (CRC32 trailers on every upload, validation of every download)
		// fails on many S3-compatible servers.
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenRequired,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenRequired,
	}
	if opts.Endpoint != "" {
		o.BaseEndpoint = aws.String(opts.Endpoint)
	}
	return &S3{opts: opts, client: s3.New(o)}, nil
}

func (s *S3) key(name string) string { return s.opts.Prefix + name }

// Location names where the file is kept, as s3://bucket/key.
func (s *S3) Location(name string) string { return "s3://" + s.opts.Bucket + "/" + s.key(name) }

// Put uploads the file at path under name in parts (an empty file in one
// request), its sha256 in the object's metadata. Any error aborts the upload, so no parts are left
// behind; once complete, the stored size is checked against the file's
// and the digest of what was sent against the file's digest read before.
func (s *S3) Put(ctx context.Context, name, path string) (obj Object, err error) {
	size, sum, err := fileDigest(path)
	if err != nil {
		return Object{}, fmt.Errorf("put %s: %w", name, err)
	}
	key := s.key(name)
	if size == 0 {
		return s.putEmpty(ctx, name, sum)
	}
	up, err := s.client.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{
		Bucket: &s.opts.Bucket, Key: &key, ContentType: aws.String("application/warc"),
		Metadata: map[string]string{"sha256": sum},
	})
	if err != nil {
		return Object{}, fmt.Errorf("put %s: start upload: %w", s.Location(name), err)
	}
	defer func() {
		if err != nil {
			// Not the caller's context: an upload cut by a cancel is
			// aborted all the same.
			actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), defaultAbortTimeout)
			defer cancel()
			if _, aerr := s.client.AbortMultipartUpload(actx, &s3.AbortMultipartUploadInput{
				Bucket: &s.opts.Bucket, Key: &key, UploadId: up.UploadId}); aerr != nil {
				err = fmt.Errorf("%w (and aborting the upload: %v)", err, aerr)
			}
		}
	}()
	parts, sent, err := s.uploadParts(ctx, key, up.UploadId, path)
	if err != nil {
		return Object{}, fmt.Errorf("put %s: %w", s.Location(name), err)
	}
	if sent != sum {
		return Object{}, fmt.Errorf("put %s: the file changed while it was uploaded (sha256 %s, then %s)", s.Location(name), sum, sent)
	}
	if _, err := s.client.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{
		Bucket: &s.opts.Bucket, Key: &key, UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: parts},
	}); err != nil {
		return Object{}, fmt.Errorf("put %s: complete upload: %w", s.Location(name), err)
	}
	got, err := s.head(ctx, name)
	if err != nil {
		return Object{}, fmt.Errorf("put %s: check: %w", s.Location(name), err)
	}
	if got.Size != size {
		return Object{}, fmt.Errorf("put %s: stored %d bytes, the file has %d", s.Location(name), got.Size, size)
	}
	return Object{Name: name, Size: size, SHA256: sum}, nil
}

// putEmpty stores an empty object (the index of a WARC file that holds
// no response) in one request: S3 takes no empty part.
func (s *S3) putEmpty(ctx context.Context, name, sum string) (Object, error) {
	key := s.key(name)
	if _, err := s.client.PutObject(ctx, &s3.PutObjectInput{
		Bucket: &s.opts.Bucket, Key: &key, ContentType: aws.String("application/warc"),
		Metadata: map[string]string{"sha256": sum}, Body: bytes.NewReader(nil), ContentLength: aws.Int64(0),
	}); err != nil {
		return Object{}, fmt.Errorf("put %s: %w", s.Location(name), err)
	}
	got, err := s.head(ctx, name)
	if err != nil {
		return Object{}, fmt.Errorf("put %s: check: %w", s.Location(name), err)
	}
	if got.Size != 0 {
		return Object{}, fmt.Errorf("put %s: stored %d bytes, the file has none", s.Location(name), got.Size)
	}
	return Object{Name: name, SHA256: sum}, nil
}

// defaultAbortTimeout bounds the abort of a failed upload.
const defaultAbortTimeout = 30 * time.Second

func (s *S3) uploadParts(ctx context.Context, key string, id *string, path string) ([]types.CompletedPart, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	h := sha256.New()
	buf := make([]byte, s.opts.PartSize)
	var parts []types.CompletedPart
	for n := int32(1); ; n++ {
		k, rerr := io.ReadFull(f, buf)
		if rerr != nil && !errors.Is(rerr, io.ErrUnexpectedEOF) && !errors.Is(rerr, io.EOF) {
			return nil, "", rerr
		}
		if k == 0 && n > 1 {
			break
		}
		h.Write(buf[:k])
		out, err := s.client.UploadPart(ctx, &s3.UploadPartInput{
			Bucket: &s.opts.Bucket, Key: &key, UploadId: id, PartNumber: aws.Int32(n),
			Body: bytes.NewReader(buf[:k]), ContentLength: aws.Int64(int64(k)),
		})
		if err != nil {
			return nil, "", fmt.Errorf("upload part %d: %w", n, err)
		}
		parts = append(parts, types.CompletedPart{ETag: out.ETag, PartNumber: aws.Int32(n)})
		if k < len(buf) {
			break
		}
	}
	return parts, hex.EncodeToString(h.Sum(nil)), nil
}

func (s *S3) head(ctx context.Context, name string) (Object, error) {
	key := s.key(name)
	out, err := s.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &s.opts.Bucket, Key: &key})
	if err != nil {
		return Object{}, err
	}
	o := Object{Name: name, SHA256: out.Metadata["sha256"]}
	if out.ContentLength != nil {
		o.Size = *out.ContentLength
	}
	return o, nil
}

// Stat returns the stored object's size and the sha256 its metadata
// names.
func (s *S3) Stat(ctx context.Context, name string) (Object, error) {
	o, err := s.head(ctx, name)
	if err != nil {
		return Object{}, fmt.Errorf("stat %s: %w", s.Location(name), err)
	}
	return o, nil
}

// Open reads n bytes of the named object from offset (n < 0: to its end)
// with one ranged GET.
func (s *S3) Open(ctx context.Context, name string, offset, n int64) (io.ReadCloser, error) {
	key := s.key(name)
	rng := fmt.Sprintf("bytes=%d-", offset)
	if n >= 0 {
		if n == 0 {
			return io.NopCloser(strings.NewReader("")), nil
		}
		rng = fmt.Sprintf("bytes=%d-%d", offset, offset+n-1)
	}
	out, err := s.client.GetObject(ctx, &s3.GetObjectInput{Bucket: &s.opts.Bucket, Key: &key, Range: &rng})
	if err != nil {
		return nil, fmt.Errorf("open %s at %d: %w", s.Location(name), offset, err)
	}
	return out.Body, nil
}
