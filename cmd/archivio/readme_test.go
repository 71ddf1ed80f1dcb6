package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeSkipped are the README's shell lines the examples test does not
// run, by their start, with the reason. Every other line that runs
// archivio is run.
var readmeSkipped = []struct{ prefix, why string }{
	{"go test", "the test suite itself and its benchmarks, run by go test"},
	{"go run ./tools/", "benchmarks (a crawl beside wget, the parser beside an earlier commit), minutes long"},
	{"go install", "installs the command; the test runs archivio in its own process"},
	{"GOCACHE=", "a cold build, minutes long (measured, figures in the README)"},
	{"CGO_ENABLED=1 go build", "a build into /usr/local/bin, outside the test's folder"},
	{"ARCHIVIO_KILL_", "go test runs of the kill test with more trials"},
	{"curl", "asks a running daemon"},
	{"archivio run", "a daemon, which runs until stopped (tested by go test ./internal/daemon)"},
	{"archivio serve", "a web server, which runs until stopped (tested by go test ./internal/serve and ./cmd/archivio -run Serve)"},
	{"ARCHIVIO_SERVE_TOKEN=", "a web server on every address, which runs until stopped (tested by go test ./cmd/archivio -run Serve)"},
	{"archivio crawl osservatorio --ids 1-4000", "4,000 record ids, nearly all missing on the demo site: minutes of 404s (--ids is tested by go test ./crawlers and ./cmd/archivio)"},
	{"archivio crawl --base-url http://127.0.0.1:8080", "needs a mirror listening on 127.0.0.1:8080 and writes /tmp/mirror"},
}

// readmeExample is one shell line of the README.
type readmeExample struct {
	line int
	text string
}

// readmeExamples are the lines of the README's ```sh blocks, comments
// dropped, continuation lines joined.
func readmeExamples(t *testing.T, readme string) []readmeExample {
	t.Helper()
	var out []readmeExample
	in := false
	var cont string
	for i, raw := range strings.Split(readme, "\n") {
		line := strings.TrimSpace(raw)
		switch {
		case !in && line == "```sh":
			in = true
			continue
		case in && line == "```":
			in = false
			continue
		case !in:
			continue
		}
		line = dropComment(line)
		if strings.HasSuffix(line, "\\") {
			cont += strings.TrimSuffix(line, "\\") + " "
			continue
		}
		line = strings.TrimSpace(cont + line)
		cont = ""
		if line != "" {
			out = append(out, readmeExample{i + 1, line})
		}
	}
	if in {
		t.Fatal("README: a ```sh block is not closed")
	}
	return out
}

// dropComment removes a shell comment: a # at the start of a word
// outside quotes.
func dropComment(line string) string {
	var quote rune
	for i, r := range line {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
		case r == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t'):
			return strings.TrimSpace(line[:i])
		}
	}
	return line
}

// shellWords splits a command line as a POSIX shell would for the simple
// lines the README holds: words, quotes, globs and one "> FILE"
// redirection. Anything else (pipes, &&, variables) is refused, so the
// README's examples stay runnable as written.
func shellWords(line string) (words []string, stdout string, err error) {
	var w strings.Builder
	var quote rune
	inWord, quoted := false, false
	var raw []struct {
		s      string
		quoted bool
	}
	flush := func() {
		if inWord {
			raw = append(raw, struct {
				s      string
				quoted bool
			}{w.String(), quoted})
		}
		w.Reset()
		inWord, quoted = false, false
	}
	for _, r := range line {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				w.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord, quoted = r, true, true
		case r == ' ' || r == '\t':
			flush()
		case strings.ContainsRune("|&;$`<(){}", r):
			return nil, "", fmt.Errorf("shell syntax %q the examples test does not run", r)
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, "", errors.New("unclosed quote")
	}
	flush()
	for i := 0; i < len(raw); i++ {
		word := raw[i]
		if !word.quoted && word.s == ">" {
			if i+1 >= len(raw) {
				return nil, "", errors.New("> without a file")
			}
			stdout = raw[i+1].s
			i++
			continue
		}
		if !word.quoted && strings.ContainsAny(word.s, "*?[") {
			matches, err := filepath.Glob(word.s)
			if err != nil || len(matches) == 0 {
				return nil, "", fmt.Errorf("%s matches no file", word.s)
			}
			words = append(words, matches...)
			continue
		}
		words = append(words, word.s)
	}
	return words, stdout, nil
}

// TestReadmeExamples runs every shell example of the README that runs
// archivio, as written, after "archivio demo", in a temporary folder that
// holds links to the repository's folders (the examples run from the
// repository's root; what they write stays in the temporary folder). The
// commands that crawl or check links reach the demo's virtual internet
// instead of the real one: nothing leaves the machine, and record 141's
// real www.fabbricaideedistretto.it fails DNS there as everywhere else. An
// example that needs the demo's archive must say --data ./archivio-demo:
// the examples that create ./archivio-data (crawls) run last, so a reading
// example without it fails. readmeSkipped lists the lines left out, and why.
func TestReadmeExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("the demo and every example: about half a minute")
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && !strings.HasPrefix(e.Name(), "archivio-") {
			if err := os.Symlink(filepath.Join(root, e.Name()), filepath.Join(dir, e.Name())); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Chdir(dir)
	// The crawls run at full speed on the virtual internet: their pace
	// comes from this file, through $ARCHIVIO_CONFIG, for them only.
	fast := filepath.Join(t.TempDir(), "fast.yaml")
	if err := os.WriteFile(fast, []byte("sources:\n  osservatorio:\n    delay: 0s\n    parallel: 4\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	inet, network := demoNetwork(t)
	// A host that never answers would make each check wait its whole
	// timeout (20 s by default); here it refuses at once.
	for _, l := range demoLinks {
		if l.kind == "timeout" {
			inet.Refuse(l.host)
		}
	}

	var demo []readmeExample
	var reading, crawls []readmeExample
	skipped := map[string]int{}
	for _, ex := range readmeExamples(t, string(readme)) {
		text := strings.TrimPrefix(ex.text, "go run ./cmd/archivio ")
		if text != ex.text {
			text = "archivio " + text
		}
		why := ""
		for _, s := range readmeSkipped {
			if strings.HasPrefix(text, s.prefix) {
				why = s.why
				skipped[s.prefix]++
			}
		}
		switch {
		case why != "":
			t.Logf("README.md:%d: not run: %s: %s", ex.line, ex.text, why)
			continue
		case !strings.HasPrefix(text, "archivio "):
			t.Errorf("README.md:%d: %q is neither an archivio command nor in readmeSkipped", ex.line, ex.text)
		case strings.HasPrefix(text, "archivio demo"):
			demo = append(demo, readmeExample{ex.line, text})
		case strings.HasPrefix(text, "archivio crawl"):
			crawls = append(crawls, readmeExample{ex.line, text})
		default:
			reading = append(reading, readmeExample{ex.line, text})
		}
	}
	for _, s := range readmeSkipped {
		if skipped[s.prefix] == 0 {
			t.Errorf("readmeSkipped: no README line starts with %q any more", s.prefix)
		}
	}
	if len(demo) == 0 || len(reading) < 25 || len(crawls) < 2 {
		t.Fatalf("README: %d demo lines, %d other examples, %d crawls: the blocks were not read", len(demo), len(reading), len(crawls))
	}
	noEnv := func(string) string { return "" }
	crawlEnv := func(k string) string {
		if k == "ARCHIVIO_CONFIG" {
			return fast
		}
		return ""
	}
	// The demo first, as the quick start says, then every other example,
	// then the crawls.
	for _, group := range []struct {
		examples []readmeExample
		getenv   func(string) string
	}{{demo[:1], noEnv}, {reading, noEnv}, {crawls, crawlEnv}} {
		for _, ex := range group.examples {
			runReadmeExample(t, ex, network, group.getenv)
		}
	}
	t.Logf("ran the demo, %d examples after it and %d crawls", len(reading), len(crawls))
	if _, err := os.Stat(filepath.Join(dir, "archivio-demo", "archivio.db")); err != nil {
		t.Errorf("the demo left no archive in ./archivio-demo: %v", err)
	}
}

// runReadmeExample runs one example line and checks that it succeeded:
// exit status 0, or 3 for a link check that found links down (documented).
func runReadmeExample(t *testing.T, ex readmeExample, network http.RoundTripper, getenv func(string) string) {
	t.Helper()
	words, redirect, err := shellWords(ex.text)
	if err != nil {
		t.Errorf("README.md:%d: %s: %v", ex.line, ex.text, err)
		return
	}
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: getenv, network: network}
	err = run(context.Background(), words[1:], e)
	if errors.Is(err, errLinksFailing) {
		err = nil // exit status 3: links down, as documented
	}
	if err != nil {
		t.Errorf("README.md:%d: %s: %v\n%s", ex.line, ex.text, err, clip(errOut.String(), 2000))
		return
	}
	if redirect != "" {
		if err := os.WriteFile(redirect, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if out.Len() == 0 {
			t.Errorf("README.md:%d: %s wrote nothing to %s", ex.line, ex.text, redirect)
		}
	}
	if regexp.MustCompile(`(?m)^archivio: `).MatchString(errOut.String()) {
		t.Logf("README.md:%d: %s: %s", ex.line, ex.text, clip(errOut.String(), 500))
	}
}
