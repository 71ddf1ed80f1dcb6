package config

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// PathFrom returns the configuration file to read: the --config flag's
// value, else $ARCHIVIO_CONFIG, else ./archivio.yaml. getenv may be nil.
func PathFrom(flag string, getenv func(string) string) string {
	if flag != "" {
		return flag
	}
	if getenv != nil {
		if p := getenv("ARCHIVIO_CONFIG"); p != "" {
			return p
		}
	}
	return "./archivio.yaml"
}

// Load reads the configuration file at path, fills the defaults of the
// keys it leaves out and validates it. Problems come back as an *Error
// (wrapping ErrInvalid) listing every one with its line.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(filepath.Base(path), data)
}

// Parse is Load for a file already read; name is used in the messages.
// The environment and flags play no part (see Resolve).
func Parse(name string, data []byte) (*Config, error) {
	s, err := resolve(name, data, Input{})
	if err != nil {
		return nil, err
	}
	return &s.Config, nil
}

var lineRE = regexp.MustCompile(`^(?:yaml: )?line (\d+): `)

// syntaxError splits a YAML syntax error into its line and message.
func syntaxError(err error) (int, string) {
	msg := err.Error()
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, msg[len(m[0]):]
	}
	return 0, strings.TrimPrefix(msg, "yaml: ")
}

// decoder fills a Config from the YAML tree, remembering the line of
// every key it met and reporting what it cannot read.
type decoder struct {
	lines    map[string]int // dotted key -> line
	problems []Problem
}

func (d *decoder) add(line int, key, format string, args ...any) {
	d.problems = append(d.problems, Problem{Line: line, Key: key, Msg: fmt.Sprintf(format, args...)})
}

// lineOf returns the line of key, else of the nearest enclosing key the
// file has, else 0.
func (d *decoder) lineOf(key string) int {
	for key != "" {
		if l, ok := d.lines[key]; ok {
			return l
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 0
}

var (
	durationType = reflect.TypeFor[Duration]()
	sourcesType  = reflect.TypeFor[map[string]Source]()
)

// decode reads n into v; key is v's dotted key and line the line of that
// key in the file.
func (d *decoder) decode(n *yaml.Node, key string, line int, v reflect.Value) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // "key:" with no value: the default stays
	}
	switch t := v.Type(); {
	case t == durationType:
		dur, err := parseDuration(n)
		if err != nil {
			d.add(line, key, "%v", err)
			return
		}
		v.Set(reflect.ValueOf(dur))
	case t == sourcesType:
		if n.Kind != yaml.MappingNode {
			d.add(line, key, "want a mapping of source names to sources")
			return
		}
		m := map[string]Source{}
		d.mapping(n, key, func(k *yaml.Node, name string, val *yaml.Node) {
			s := defaultSource(name)
			d.decode(val, key+"."+name, k.Line, reflect.ValueOf(&s).Elem())
			m[name] = s
		})
		v.Set(reflect.ValueOf(m))
	case t.Kind() == reflect.Struct:
		if n.Kind != yaml.MappingNode {
			what := "the file"
			if key != "" {
				what = "this key"
			}
			d.add(line, key, "%s must hold a mapping of keys (key: value)", what)
			return
		}
		d.structure(n, key, v)
	case t.Kind() == reflect.Pointer:
		p := reflect.New(t.Elem())
		if d.scalar(n, key, line, p.Elem()) {
			v.Set(p)
		}
	case t.Kind() == reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.add(line, key, "want a list, e.g. [a, b]")
			return
		}
		s := reflect.MakeSlice(t, 0, len(n.Content))
		for _, item := range n.Content {
			e := reflect.New(t.Elem()).Elem()
			if d.scalar(item, key, item.Line, e) {
				s = reflect.Append(s, e)
			}
		}
		v.Set(s)
	default:
		d.scalar(n, key, line, v)
	}
}

// scalar reads a string, int or bool.
func (d *decoder) scalar(n *yaml.Node, key string, line int, v reflect.Value) bool {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind != yaml.ScalarNode {
		d.add(line, key, "want a single value, not a list or mapping")
		return false
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(n.Value)
	case reflect.Int:
		i, err := strconv.Atoi(n.Value)
		if n.Tag != "!!int" || err != nil {
			d.add(line, key, "want a whole number, got %q", n.Value)
			return false
		}
		v.SetInt(int64(i))
	case reflect.Bool:
		if n.Tag != "!!bool" {
			d.add(line, key, "want true or false, got %q", n.Value)
			return false
		}
		var b bool
		if err := n.Decode(&b); err != nil {
			d.add(line, key, "want true or false, got %q", n.Value)
			return false
		}
		v.SetBool(b)
	default:
		d.add(line, key, "archivio cannot read a %s setting", v.Type()) // a new field type in Config
		return false
	}
	return true
}

// mapping calls f for each key of n, reporting duplicate keys.
func (d *decoder) mapping(n *yaml.Node, key string, f func(k *yaml.Node, name string, val *yaml.Node)) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		full := k.Value
		if key != "" {
			full = key + "." + k.Value
		}
		if first, dup := d.lines[full]; dup {
			d.add(k.Line, full, "duplicate key (first at line %d)", first)
			continue
		}
		d.lines[full] = k.Line
		f(k, k.Value, val)
	}
}

// structure reads a mapping into the struct v by the fields' yaml tags.
func (d *decoder) structure(n *yaml.Node, key string, v reflect.Value) {
	t := v.Type()
	fields := map[string]int{}
	var known []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		fields[name] = i
		known = append(known, name)
	}
	d.mapping(n, key, func(k *yaml.Node, name string, val *yaml.Node) {
		full := name
		if key != "" {
			full = key + "." + name
		}
		i, ok := fields[name]
		if !ok {
			delete(d.lines, full) // not a key the validation may point at
			d.add(k.Line, full, "%s", unknownKey(key, name, known))
			return
		}
		d.decode(val, full, k.Line, v.Field(i))
	})
}

// unknownKey explains an unknown key: a secret put in the file, a typo
// of a known key, or the list of the known keys.
func unknownKey(parent, name string, known []string) string {
	lower := strings.ToLower(name)
	for _, s := range []string{"secret", "password", "passwd", "token", "api_key", "apikey"} {
		if strings.Contains(lower, s) {
			env := "secret_env"
			if strings.HasSuffix(parent, "smtp") {
				env = "password_env"
			}
			return fmt.Sprintf("secrets do not belong in the file: put the secret in an environment variable and name that variable with %s", env)
		}
	}
	best, bestDist := "", 3
	for _, k := range known {
		if dist := editDistance(lower, k); dist < bestDist && dist < len(name) {
			best, bestDist = k, dist
		}
	}
	if best != "" {
		return fmt.Sprintf("unknown key; did you mean %q?", best)
	}
	return "unknown key; known keys: " + strings.Join(known, ", ")
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// fill applies the defaults that depend on other keys: a site source's
// hosts (its seeds' hosts), prefixes ("/") and depth, the SMTP port.
// present reports whether a key was set above the defaults.
func (d *decoder) fill(c *Config, present func(string) bool) {
	for name, s := range c.Sources {
		if s.Kind != "site" {
			continue
		}
		key := "sources." + name + "."
		if !present(key + "base_url") {
			s.BaseURL = "" // the osservatorio default, for a source named osservatorio made a site
		}
		if !present(key+"hosts") && len(s.Hosts) == 0 {
			s.Hosts = seedHosts(s.Seeds)
		}
		if !present(key+"prefixes") && len(s.Prefixes) == 0 {
			s.Prefixes = []string{"/"}
		}
		if !present(key + "max_depth") {
			s.MaxDepth = DefaultSiteMaxDepth
		}
		c.Sources[name] = s
	}
	if !present("serve.enabled") && (present("serve.listen") || present("serve.token_env")) {
		yes := true
		c.Serve.Enabled = &yes
	}
	if c.Alerts.SMTP.Host != "" && !present("alerts.smtp.port") {
		c.Alerts.SMTP.Port = DefaultSMTPPort
	}
}
