package config

import (
	"fmt"
	"io"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// Entry is one effective setting as "archivio config show" prints it.
type Entry struct {
	Key    string
	Value  string // secrets and the secret parts of URLs masked
	Origin Origin
}

// mask replaces a secret.
const mask = "********"

// siteOnly and osservatorioOnly are the source keys of one kind only.
var (
	siteOnly         = map[string]bool{"seeds": true, "hosts": true, "prefixes": true, "max_depth": true}
	osservatorioOnly = map[string]bool{"base_url": true}
)

// Entries lists every effective setting in the file's order, each
// source's keys under it, then the secrets (masked).
func (s *Settings) Entries() []Entry {
	var out []Entry
	add := func(key string, v reflect.Value) {
		out = append(out, Entry{Key: key, Value: s.format(key, v), Origin: s.origins[key]})
	}
	var walk func(prefix string, v reflect.Value)
	walk = func(prefix string, v reflect.Value) {
		t := v.Type()
		for i := range t.NumField() {
			tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			key := prefix + tag
			f := v.Field(i)
			switch {
			case f.Type() == sourcesType:
				for _, name := range s.SourceNames() {
					src := s.Sources[name]
					sv := reflect.ValueOf(src)
					st := sv.Type()
					for j := range st.NumField() {
						k, _, _ := strings.Cut(st.Field(j).Tag.Get("yaml"), ",")
						if (src.Kind == "site" && osservatorioOnly[k]) || (src.Kind != "site" && siteOnly[k]) {
							continue
						}
						add(key+"."+name+"."+k, sv.Field(j))
					}
				}
			case f.Kind() == reflect.Struct && f.Type() != durationType:
				walk(key+".", f)
			default:
				add(key, f)
			}
		}
	}
	walk("", reflect.ValueOf(s.Config))
	for _, sec := range []struct {
		key string
		s   Secret
	}{{"alerts.webhook.secret", s.WebhookSecret}, {"alerts.smtp.password", s.SMTPPassword}, {"serve.token", s.ServeToken}, {"postgres.dsn", s.PostgresDSN}} {
		e := Entry{Key: sec.key, Value: "(not set: $" + sec.s.Env + " is empty)"}
		if sec.s.Value != "" {
			e.Value, e.Origin = mask, Origin{Layer: FromEnv, Name: sec.s.Env}
		}
		out = append(out, e)
	}
	return out
}

// format writes a value as the file would hold it.
func (s *Settings) format(key string, v reflect.Value) string {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return ""
		}
		v = v.Elem()
	}
	switch {
	case v.Type() == durationType:
		return shortDuration(time.Duration(v.Int()))
	case v.Kind() == reflect.Slice:
		items := make([]string, v.Len())
		for i := range items {
			items[i] = v.Index(i).String()
		}
		return "[" + strings.Join(items, ", ") + "]"
	case v.Kind() == reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case v.Kind() == reflect.Int:
		return strconv.FormatInt(v.Int(), 10)
	}
	str := v.String()
	switch {
	case str == "":
		return `""`
	case key == "alerts.webhook.url":
		return maskURL(str, true)
	case strings.Contains(str, "://"):
		return maskURL(str, false)
	}
	return str
}

// maskURL hides a URL's password and, for a webhook (whose address is
// often its secret), its path and query.
func maskURL(s string, hidePath bool) string {
	u, err := url.Parse(s)
	if err != nil {
		return mask
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	if hidePath && (strings.Trim(u.Path, "/") != "" || u.RawQuery != "") {
		return u.Scheme + "://" + u.Host + "/" + mask
	}
	return strings.Replace(u.String(), "xxxxx", mask, 1)
}

// shortDuration is "1s", "6h", "1h30m" rather than time's "6h0m0s".
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// Show writes the effective settings, one per line: key, value and where
// it came from (default, FILE:LINE, $VARIABLE or --flag).
func (s *Settings) Show(w io.Writer) error {
	file := "none (defaults)"
	if s.Path != "" {
		file = s.Path
	}
	fmt.Fprintf(w, "# configuration file: %s\n", file)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY\tVALUE\tFROM")
	for _, e := range s.Entries() {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", e.Key, e.Value, e.Origin)
	}
	return tw.Flush()
}
