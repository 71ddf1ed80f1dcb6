package config

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// envVars are the environment variables that set a key. Secrets are not
// here: they are read from the variables the file names (secret_env,
// password_env), by default ARCHIVIO_WEBHOOK_SECRET and
// ARCHIVIO_SMTP_PASSWORD (see secrets).
var envVars = []struct{ name, key string }{
	{"ARCHIVIO_DATA", "data"},
	{"ARCHIVIO_CONTACT", "contact"},
	{"ARCHIVIO_WAYBACK_ENDPOINT", "links.wayback"},
	{"ARCHIVIO_WEBHOOK_URL", "alerts.webhook.url"},
	{"ARCHIVIO_SMTP_HOST", "alerts.smtp.host"},
	{"ARCHIVIO_SMTP_PORT", "alerts.smtp.port"},
	{"ARCHIVIO_SMTP_FROM", "alerts.smtp.from"},
	{"ARCHIVIO_SMTP_TO", "alerts.smtp.to"},
	{"ARCHIVIO_SMTP_USERNAME", "alerts.smtp.username"},
	{"ARCHIVIO_NODE", "postgres.node"},
}

// setKey sets the setting at a dotted key ("links.parallel",
// "sources.osservatorio.delay") of c. v is a value of the setting's type
// (time.Duration for a duration) or a string to read as one: a number, a
// duration with its unit, true or false, a comma-separated list.
func setKey(c *Config, key string, v any) error {
	parts := strings.Split(key, ".")
	if parts[0] == "sources" {
		if len(parts) != 3 {
			return fmt.Errorf("unknown key")
		}
		s, ok := c.Sources[parts[1]]
		if !ok {
			return fmt.Errorf("no source %q", parts[1])
		}
		if err := setPath(reflect.ValueOf(&s).Elem(), parts[2:], v); err != nil {
			return err
		}
		c.Sources[parts[1]] = s
		return nil
	}
	return setPath(reflect.ValueOf(c).Elem(), parts, v)
}

func setPath(v reflect.Value, path []string, val any) error {
	for _, name := range path {
		if v.Kind() != reflect.Struct {
			return fmt.Errorf("unknown key")
		}
		f, ok := fieldByTag(v, name)
		if !ok {
			return fmt.Errorf("unknown key")
		}
		v = f
	}
	return assign(v, val)
}

// fieldByTag returns the field of struct v whose yaml tag is name.
func fieldByTag(v reflect.Value, name string) (reflect.Value, bool) {
	t := v.Type()
	for i := range t.NumField() {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); tag == name {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// assign stores val in v, reading it first when it is a string.
func assign(v reflect.Value, val any) error {
	if v.Kind() == reflect.Pointer {
		p := reflect.New(v.Type().Elem())
		if err := assign(p.Elem(), val); err != nil {
			return err
		}
		v.Set(p)
		return nil
	}
	s, isString := val.(string)
	switch {
	case v.Type() == durationType:
		d, ok := val.(time.Duration)
		if isString {
			var err error
			if d, err = time.ParseDuration(strings.TrimSpace(s)); err != nil {
				return fmt.Errorf("bad duration %q: want a number with a unit, e.g. 1s, 20m, 6h", s)
			}
		} else if !ok {
			return fmt.Errorf("want a duration, got %T", val)
		}
		v.Set(reflect.ValueOf(Duration(d)))
		return nil
	case v.Kind() == reflect.Int && isString:
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("want a whole number, got %q", s)
		}
		v.SetInt(int64(n))
		return nil
	case v.Kind() == reflect.Bool && isString:
		b, err := strconv.ParseBool(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("want true or false, got %q", s)
		}
		v.SetBool(b)
		return nil
	case v.Kind() == reflect.Slice && isString:
		var items []string
		for item := range strings.SplitSeq(s, ",") {
			if item = strings.TrimSpace(item); item != "" {
				items = append(items, item)
			}
		}
		v.Set(reflect.ValueOf(items))
		return nil
	}
	rv := reflect.ValueOf(val)
	if !rv.IsValid() || !rv.Type().AssignableTo(v.Type()) {
		return fmt.Errorf("want a %s, got %T", v.Type(), val)
	}
	v.Set(rv)
	return nil
}

// EnvVar is the environment variable that sets key, or "" when none does.
func EnvVar(key string) string {
	for _, e := range envVars {
		if e.key == key {
			return e.name
		}
	}
	return ""
}
