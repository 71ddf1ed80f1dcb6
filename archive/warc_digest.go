package archive

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"strings"
)

// warcSHA1 is the WARC digest of b: "sha1:" and the base32 SHA-1.
func warcSHA1(b []byte) string {
	sum := sha1.Sum(b)
	return "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
}

// warcDigest checks data against a WARC digest field value
// ("algorithm:value", the value in base32, base16 or base64).
type warcDigest struct {
	field string
	want  []byte
	h     hash.Hash
}

// newWARCDigest parses a digest field value. A field of "" gives a digest
// that computes SHA-1 and checks nothing.
func newWARCDigest(field string) (*warcDigest, error) {
	if field == "" {
		return &warcDigest{h: sha1.New()}, nil
	}
	alg, val, ok := strings.Cut(strings.TrimSpace(field), ":")
	if !ok {
		return nil, fmt.Errorf("digest %q: no algorithm", field)
	}
	var h hash.Hash
	switch strings.ToLower(strings.ReplaceAll(alg, "-", "")) {
	case "sha1":
		h = sha1.New()
	case "sha256":
		h = sha256.New()
	case "sha512":
		h = sha512.New()
	case "md5":
		h = md5.New()
	default:
		return nil, fmt.Errorf("digest %q: unsupported algorithm", field)
	}
	want, err := decodeWARCDigestValue(val, h.Size())
	if err != nil {
		return nil, fmt.Errorf("digest %q: %w", field, err)
	}
	return &warcDigest{field: field, want: want, h: h}, nil
}

func decodeWARCDigestValue(v string, size int) ([]byte, error) {
	candidates := []func(string) ([]byte, error){
		func(s string) ([]byte, error) {
			return base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ToUpper(strings.TrimRight(s, "=")))
		},
		hex.DecodeString,
		base64.StdEncoding.DecodeString,
		base64.RawStdEncoding.DecodeString,
	}
	for _, dec := range candidates {
		if b, err := dec(v); err == nil && len(b) == size {
			return b, nil
		}
	}
	return nil, fmt.Errorf("value is not a base32, base16 or base64 digest of %d bytes", size)
}

// Write adds data to the running hash.
func (d *warcDigest) Write(p []byte) (int, error) { return d.h.Write(p) }

// check returns an error wrapping ErrWARCDigest when the data written does
// not match the field. what names the digest in the message.
func (d *warcDigest) check(what string) error {
	if d.want == nil {
		return nil
	}
	if got := d.h.Sum(nil); !bytes.Equal(got, d.want) {
		return fmt.Errorf("%w: %s digest is %s, computed %s", ErrWARCDigest, what, d.field,
			base32.StdEncoding.EncodeToString(got))
	}
	return nil
}
