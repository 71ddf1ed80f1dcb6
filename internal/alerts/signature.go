package alerts

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// signaturePrefix starts every X-Archivio-Signature header value.
const signaturePrefix = "sha256="

// Sign returns the X-Archivio-Signature header value for a body:
// "sha256=" followed by the lowercase hex HMAC-SHA256 of the body keyed
// with the secret.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return signaturePrefix + hex.EncodeToString(m.Sum(nil))
}

// VerifySignature reports whether header, an X-Archivio-Signature value,
// is the signature of body under secret. The MACs are compared in constant
// time. An empty secret verifies nothing: a receiver whose secret is unset
// must not accept every request.
func VerifySignature(secret string, body []byte, header string) bool {
	if secret == "" {
		return false
	}
	hexMAC, ok := strings.CutPrefix(strings.TrimSpace(header), signaturePrefix)
	if !ok {
		return false
	}
	got, err := hex.DecodeString(hexMAC)
	if err != nil {
		return false
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return hmac.Equal(got, m.Sum(nil))
}
