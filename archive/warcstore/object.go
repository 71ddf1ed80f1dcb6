package warcstore

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
)

// Object is a stored WARC file: its name, size and sha256 (hex).
type Object struct {
	Name   string
	Size   int64
	SHA256 string
}

// fileDigest reads the file at path whole: its size and sha256.
func fileDigest(path string) (size int64, sum string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, "", fmt.Errorf("digest %s: %w", path, err)
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}
