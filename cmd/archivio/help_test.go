package main

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"archivio/internal/config"
	"archivio/internal/jobs"
)

// helpCommands are every command line that has a --help of its own.
func helpCommands() [][]string {
	var out [][]string
	for _, c := range commands() {
		out = append(out, []string{c.name})
	}
	return append(out, []string{"links", "check"}, []string{"config", "init"}, []string{"config", "check"}, []string{"config", "show"})
}

// TestHelpPrintsFlagsOneWay checks every command's help: flags are written
// as they are typed (--data, never -data), in the usage line and in the
// flag list alike, and each flag's default is given once.
func TestHelpPrintsFlagsOneWay(t *testing.T) {
	singleDash := regexp.MustCompile(`(^|[\s\[(])-[a-z][a-z-]+`)
	flagLine := regexp.MustCompile(`^  --([a-z-]+)`)
	for _, cmd := range helpCommands() {
		out, _, err := runCLI(t, "", append(cmd, "--help")...)
		if err != nil {
			t.Errorf("%s --help: %v", cmd, err)
			continue
		}
		name := strings.Join(cmd, " ")
		flags := 0
		lines := strings.Split(out, "\n")
		for i, line := range lines {
			if m := singleDash.FindString(line); m != "" {
				t.Errorf("%s --help: a flag with one dash (%q) in %q", name, strings.TrimSpace(m), line)
			}
			m := flagLine.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			flags++
			entry := line
			if i+1 < len(lines) {
				entry += " " + lines[i+1]
			}
			if n := strings.Count(entry, "(default"); n > 1 {
				t.Errorf("%s --help: --%s gives its default %d times: %q", name, m[1], n, entry)
			}
		}
		if cmd[0] != "version" && flags == 0 && !(cmd[0] == "config" && len(cmd) == 1) {
			t.Errorf("%s --help lists no flag as --name:\n%s", name, out)
		}
	}
}

// TestFlagDefaultsAreTheSettingsDefaults checks that the default a flag
// bound to a setting shows in --help is the setting's default as "archivio
// config show" prints it with no file: one truth for both.
func TestFlagDefaultsAreTheSettingsDefaults(t *testing.T) {
	s, err := config.Resolve(config.Input{Path: "", Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]string{}
	for _, e := range s.Entries() {
		shown[e.Key] = e.Value
	}
	checked := 0
	for _, cmd := range [][]string{{"crawl"}, {"links", "check"}, {"records"}} {
		out, _, _ := runCLI(t, "", append(cmd, "--help")...)
		for _, flag := range []struct{ name, key string }{
			{"data", "data"}, {"contact", "contact"}, {"allow-private", "allow_private"},
			{"delay", "sources.osservatorio.delay"}, {"parallel", "sources.osservatorio.parallel"},
			{"timeout", "links.timeout"}, {"fail-threshold", "links.fail_threshold"}, {"fail-window", "links.fail_window"},
			{"recover-threshold", "links.recover_threshold"}, {"snapshot-depth", "links.snapshot_depth"}, {"wayback", "links.wayback"},
			{"host-delay", "links.host_delay"},
		} {
			key := flag.key
			if cmd[0] == "links" && flag.name == "parallel" {
				key = "links.parallel"
			}
			if cmd[0] == "crawl" && strings.HasPrefix(key, "links.") {
				continue
			}
			m := regexp.MustCompile(`(?m)^  --` + flag.name + `\b.*\n\s+.*\(default: [^)]*?([^ ,)]+)\)\s*$`).FindStringSubmatch(out)
			if m == nil {
				continue
			}
			want := shown[key]
			if want == `""` {
				want = "none"
			}
			if m[1] != want {
				t.Errorf("%s --help: --%s defaults to %s, config show says %s = %s", strings.Join(cmd, " "), flag.name, m[1], key, shown[key])
			}
			checked++
		}
	}
	if checked < 12 {
		t.Errorf("only %d flag defaults checked", checked)
	}
}

// TestLinksPerHostIsOneTruth checks that the generated archivio.yaml, the
// README and "links check --help" all give the number of links checked
// at once on one host that the check uses.
func TestLinksPerHostIsOneTruth(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	help, _, _ := runCLI(t, "", "links", "check", "--help")
	perHost := regexp.MustCompile(`\b(\d+|one|two|three|four) (?:at a time )?(?:on one|per) host`)
	words := map[string]string{"one": "1", "two": "2", "three": "3"}
	for name, text := range map[string]string{"archivio.yaml": string(config.DefaultFile()), "README.md": string(readme), "--help": help} {
		ms := perHost.FindAllStringSubmatch(strings.Join(strings.Fields(strings.ReplaceAll(text, "#", "")), " "), -1)
		if len(ms) == 0 {
			t.Errorf("%s does not say how many links are checked at once on one host", name)
		}
		for _, m := range ms {
			n := m[1]
			if w, ok := words[n]; ok {
				n = w
			}
			if n != strconv.Itoa(jobs.LinksPerHost) {
				t.Errorf("%s says %q; the check asks %d at once on one host", name, m[0], jobs.LinksPerHost)
			}
		}
	}
}

// TestFlagErrorsNameFlagsAsTyped checks that a bad flag's error names it
// with two dashes, as help does.
func TestFlagErrorsNameFlagsAsTyped(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"records", "--bogus"}, "flag provided but not defined: --bogus"},
		{[]string{"links", "check", "--parallel", "-1"}, `invalid value "-1" for flag --parallel: must be between 1 and 64`},
		{[]string{"links", "check", "--snapshot-depth", "-2"}, "--snapshot-depth: must be -1 or more"},
		{[]string{"crawl", "--delay"}, "flag needs an argument: --delay"},
	} {
		_, _, err := runCLI(t, "", c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", strings.Join(c.args, " "), err, c.want)
		}
	}
}
