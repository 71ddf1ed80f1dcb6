package config

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// defaultSaid matches what a comment says a key's default is: "Default
// 3.", "Default 24h.", "Default empty;", "default 1s", `Default "0 3 * * 1"`.
var defaultSaid = regexp.MustCompile(`(?i)\bdefault ("[^"]*"|\S+)`)

// said is the default a comment states, "" when it states none.
func said(comment string) (string, bool) {
	var lines []string
	for l := range strings.Lines(comment) {
		lines = append(lines, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "#")))
	}
	m := defaultSaid.FindStringSubmatch(strings.Join(lines, " "))
	if m == nil {
		return "", false
	}
	return strings.TrimRight(m[1], ".;:,"), true
}

// TestDefaultFileSaysTheDefaults reads the file "archivio config init"
// writes and checks, key by key, that the default each comment states and
// the value written are the default archivio uses (DefaultValue), so the
// generated file cannot tell another story than the code.
func TestDefaultFileSaysTheDefaults(t *testing.T) {
	var doc yaml.Node
	if err := yaml.Unmarshal(DefaultFile(), &doc); err != nil {
		t.Fatal(err)
	}
	checked := 0
	var walk func(prefix string, n *yaml.Node)
	walk = func(prefix string, n *yaml.Node) {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			key := prefix + k.Value
			if v.Kind == yaml.MappingNode {
				walk(key+".", v)
				continue
			}
			want, err := DefaultValue(key)
			if err != nil {
				t.Errorf("%s: %v", key, err)
				continue
			}
			if got := fileText(v.Value); got != fileText(want) {
				t.Errorf("%s: the file sets %q, the default is %q", key, v.Value, fileText(want))
			}
			if d, ok := said(k.HeadComment); ok {
				if fileText(d) != fileText(want) {
					t.Errorf("%s: the comment says default %s, the default is %q", key, d, fileText(want))
				}
				checked++
			} else if !strings.HasPrefix(key, "sources.") {
				t.Errorf("%s: no comment states its default:\n%s", key, k.HeadComment)
			}
		}
	}
	walk("", doc.Content[0])
	// The sources' keys are described in one comment, "  delay  ...; default 1s".
	var sources string
	for i, k := range doc.Content[0].Content {
		if k.Value == "sources" && i%2 == 0 {
			sources = k.HeadComment
		}
	}
	// A site source's own keys get their defaults when the file is read.
	site, err := Parse("site.yaml", []byte("sources:\n  s:\n    kind: site\n    seeds: [https://example.org/]\n"))
	if err != nil {
		t.Fatal(err)
	}
	described := regexp.MustCompile(`(?m)^#\s+([a-z_]+)\s+.*?\bdefault ("[^"]*"|\S+?)[.;]?\s*$`)
	for _, m := range described.FindAllStringSubmatch(sources, -1) {
		var want any
		switch m[1] {
		case "base_url", "kind", "hosts":
			continue // said of the source named osservatorio, or of the seeds
		case "prefixes":
			want = strings.Join(site.Sources["s"].Prefixes, ",")
		case "max_depth":
			want = site.Sources["s"].MaxDepth
		default:
			if want, err = DefaultValue("sources.osservatorio." + m[1]); err != nil {
				t.Errorf("sources comment describes %s: %v", m[1], err)
				continue
			}
		}
		if fileText(m[2]) != fileText(want) {
			t.Errorf("sources comment: %s default %s, the default is %q", m[1], m[2], fileText(want))
		}
		checked++
	}
	if checked < 20 {
		t.Errorf("only %d defaults stated in the file's comments were checked", checked)
	}
}

// fileText writes a value as the file and its comments do.
func fileText(v any) string {
	switch x := v.(type) {
	case time.Duration:
		return shortDuration(x)
	case string:
		x = strings.Trim(x, `"`)
		switch x {
		case "empty", "none":
			return ""
		case "0s":
			return "0s"
		}
		if d, err := time.ParseDuration(x); err == nil && strings.ContainsAny(x, "hms") {
			return shortDuration(d)
		}
		return x
	}
	return fmt.Sprint(v)
}
