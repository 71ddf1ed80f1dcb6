package serve

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
)

// ErrNeedsToken is returned for a listen address that is not loopback
// when no token is set.
var ErrNeedsToken = errors.New("a listen address that is not loopback needs a token")

// CheckListen refuses a listen address reachable from other machines
// unless a token protects it. Loopback is 127.0.0.0/8, ::1 and the name
// localhost; an empty host, 0.0.0.0, ::, any other address or name is
// not.
func CheckListen(addr string, hasToken bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("serve: listen address %q: %w", addr, err)
	}
	if hasToken || IsLoopback(host) {
		return nil
	}
	return fmt.Errorf("serve: %s: %w (set --token's variable or serve.token_env)", addr, ErrNeedsToken)
}

// IsLoopback reports whether host (an address or name, without port) is
// this machine's loopback only.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// requireToken lets a request through when it carries the token as a
// bearer token or as the password of basic authentication.
func requireToken(token string, next http.Handler) http.Handler {
	want := sha256.Sum256([]byte(token))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var given string
		if a := r.Header.Get("Authorization"); len(a) > 7 && strings.EqualFold(a[:7], "bearer ") {
			given = strings.TrimSpace(a[7:])
		} else if _, pw, ok := r.BasicAuth(); ok {
			given = pw
		}
		got := sha256.Sum256([]byte(given))
		if given == "" || subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Basic realm="archivio", charset="UTF-8"`)
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("X-Content-Type-Options", "nosniff")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprintln(w, "archivio: this interface needs a token (a bearer token, or the password of basic authentication)")
			return
		}
		next.ServeHTTP(w, r)
	})
}
