package config

import (
	"fmt"
	"strings"
	"time"
)

// The most concurrent requests of a source's crawl and of the link
// checks (crawlers.MaxParallel and jobs.MaxLinksParallel).
const (
	MaxSourceParallel = 32
	MaxLinksParallel  = 64
)

// MinLinksTimeout is the shortest link check timeout.
const MinLinksTimeout = time.Millisecond

// rules are the limits of the settings that command-line flags set too.
// The file's check and the flags call the same rule, so a value is
// accepted or refused the same way wherever it comes from. Keys name
// every source with "*".
var rules = map[string]func(any) error{
	"sources.*.parallel":      intBetween(1, MaxSourceParallel),
	"sources.*.delay":         notNegative,
	"links.timeout":           atLeast(MinLinksTimeout),
	"links.fail_threshold":    intAtLeast(1, ""),
	"links.fail_window":       notNegative,
	"links.recover_threshold": intAtLeast(1, ""),
	"links.parallel":          intBetween(1, MaxLinksParallel),
	"links.host_delay":        notNegative,
	"links.snapshot_depth":    intAtLeast(-1, " (-1: no snapshot)"),
}

// CheckValue applies the rule of key ("links.parallel",
// "sources.osservatorio.delay") to a value a flag gives: an int or a
// time.Duration. Keys without a rule accept any value.
func CheckValue(key string, v any) error {
	if r := rules[ruleKey(key)]; r != nil {
		return r(v)
	}
	return nil
}

// ruleKey is key with the source name replaced by "*".
func ruleKey(key string) string {
	if parts := strings.SplitN(key, ".", 3); len(parts) == 3 && parts[0] == "sources" {
		return "sources.*." + parts[2]
	}
	return key
}

func asDuration(v any) time.Duration {
	switch d := v.(type) {
	case Duration:
		return time.Duration(d)
	case time.Duration:
		return d
	}
	return 0
}

func asInt(v any) int {
	switch n := v.(type) {
	case int:
		return n
	case *int:
		if n != nil {
			return *n
		}
	}
	return 0
}

func intBetween(lo, hi int) func(any) error {
	return func(v any) error {
		if n := asInt(v); n < lo || n > hi {
			return fmt.Errorf("must be between %d and %d, got %d", lo, hi, n)
		}
		return nil
	}
}

func intAtLeast(lo int, note string) func(any) error {
	return func(v any) error {
		if n := asInt(v); n < lo {
			return fmt.Errorf("must be %d or more%s, got %d", lo, note, n)
		}
		return nil
	}
}

func notNegative(v any) error {
	if asDuration(v) < 0 {
		return fmt.Errorf("must not be negative")
	}
	return nil
}

func atLeast(lo time.Duration) func(any) error {
	return func(v any) error {
		if d := asDuration(v); d < lo {
			return fmt.Errorf("must be at least %v, got %v", lo, d)
		}
		return nil
	}
}
