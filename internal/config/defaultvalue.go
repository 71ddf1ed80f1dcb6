package config

import (
	"fmt"
	"reflect"
	"strings"
	"time"
)

// DefaultValue is the default of the setting at a dotted key
// ("links.parallel", "sources.osservatorio.delay"; any source name), as
// Default holds it: an int, a bool, a string or a time.Duration. The
// command-line flags bound to settings take their defaults from here, so
// a default is written once.
func DefaultValue(key string) (any, error) {
	parts := strings.Split(key, ".")
	v := reflect.ValueOf(Default()).Elem()
	if parts[0] == "sources" {
		if len(parts) != 3 {
			return nil, fmt.Errorf("default of %s: unknown key", key)
		}
		v, parts = reflect.ValueOf(defaultSource(parts[1])), parts[2:]
	}
	for _, name := range parts {
		if v.Kind() != reflect.Struct {
			return nil, fmt.Errorf("default of %s: unknown key", key)
		}
		f, ok := fieldByTag(v, name)
		if !ok {
			return nil, fmt.Errorf("default of %s: unknown key", key)
		}
		v = f
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return reflect.Zero(v.Type().Elem()).Interface(), nil
		}
		v = v.Elem()
	}
	if v.Type() == durationType {
		return time.Duration(v.Int()), nil
	}
	return v.Interface(), nil
}

// ShortDuration writes a duration as the file does: "1s", "6h", "1h30m"
// rather than time's "6h0m0s".
func ShortDuration(d time.Duration) string { return shortDuration(d) }
