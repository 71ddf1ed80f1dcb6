package parsers

import (
	"strings"
	"unicode/utf8"
)

// lowerIn is m[strings.ToLower(s)] without making the lower case string
// when s is ASCII and short, as element ids and class names are: it runs
// on many elements of every page.
func lowerIn(m map[string]bool, s string) bool {
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return m[strings.ToLower(s)]
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if !upper {
		return m[s]
	}
	var buf [64]byte
	if len(s) > len(buf) {
		return m[strings.ToLower(s)]
	}
	b := buf[:len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return m[string(b)]
}

// containsFoldASCII reports whether s contains sub, ASCII letters
// compared without case (sub in lower case, ASCII). No other character
// lowers to an ASCII letter but the Kelvin sign (k), so for a sub without
// k it is strings.Contains(strings.ToLower(s), sub).
func containsFoldASCII(s, sub string) bool {
	if len(sub) == 0 {
		return true
	}
	c0 := sub[0]
	u0 := c0
	if 'a' <= c0 && c0 <= 'z' {
		u0 = c0 - ('a' - 'A')
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		if c := s[i]; c != c0 && c != u0 {
			continue
		}
		ok := true
		for j := 1; j < len(sub); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
