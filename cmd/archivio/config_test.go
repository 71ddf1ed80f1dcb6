package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runConfigCLI(t *testing.T, getenv func(string) string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := runConfig(context.Background(), &env{stdout: &out, stderr: &errOut, getenv: getenv}, args)
	return out.String(), errOut.String(), err
}

func TestConfigInitCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archivio.yaml")
	out, _, err := runConfigCLI(t, nil, "init", "--config", path)
	if err != nil || !strings.Contains(out, "Wrote "+path) {
		t.Fatalf("init: %v\n%s", err, out)
	}
	// $ARCHIVIO_CONFIG names the file when --config does not.
	getenv := func(k string) string {
		if k == "ARCHIVIO_CONFIG" {
			return path
		}
		return ""
	}
	out, errOut, err := runConfigCLI(t, getenv, "check")
	want := path + `: ok (1 source, link checks on "0 */6 * * *", alerts to atom, times in Europe/Rome)`
	if err != nil || !strings.HasPrefix(out, want+"\n") || !strings.Contains(out, "osservatorio") {
		t.Fatalf("check: %v\nstdout:\n%s\nstderr:\n%s", err, out, errOut)
	}

	before, _ := os.ReadFile(path)
	os.WriteFile(path, append(before, "# mine\n"...), 0o644)
	_, _, err = runConfigCLI(t, nil, "init", "--config", path)
	if err == nil || !strings.Contains(err.Error(), "exists") || errors.Is(err, errUsage) {
		t.Fatalf("second init: %v, want a refusal", err)
	}
	if now, _ := os.ReadFile(path); !bytes.HasSuffix(now, []byte("# mine\n")) {
		t.Fatal("second init overwrote the file")
	}
	if _, _, err := runConfigCLI(t, nil, "init", "--config", path, "--force"); err != nil {
		t.Fatalf("init --force: %v", err)
	}
	if now, _ := os.ReadFile(path); bytes.HasSuffix(now, []byte("# mine\n")) {
		t.Fatal("init --force did not replace the file")
	}
}

func TestConfigCheckProblems(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archivio.yaml")
	os.WriteFile(path, []byte("data: ./d\nsources:\n  osservatorio:\n    shedule: \"0 3 * * 1\"\nlinks:\n  schedule: \"0 3 * *\"\n"), 0o644)
	out, errOut, err := runConfigCLI(t, nil, "check", "--config", path)
	if !errors.Is(err, errReported) {
		t.Fatalf("check = %v, want errReported", err)
	}
	want := `archivio.yaml:4: sources.osservatorio.shedule: unknown key; did you mean "schedule"?
archivio.yaml:6: links.schedule: bad cron spec "0 3 * *": expected 5 to 6 fields, found 4: [0 3 * *]
` + path + `: 2 problems
`
	if errOut != want || out != "" {
		t.Errorf("stderr:\n%s\nwant:\n%s\nstdout:\n%s", errOut, want, out)
	}
	if code := exitCode(err, &bytes.Buffer{}); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}

	_, _, err = runConfigCLI(t, nil, "check", "--config", filepath.Join(t.TempDir(), "none.yaml"))
	if err == nil || errors.Is(err, errReported) || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("check of a missing file = %v", err)
	}
}

func TestConfigUsage(t *testing.T) {
	out, _, err := runConfigCLI(t, nil, "--help")
	if err != nil || !strings.Contains(out, "archivio config init") || !strings.Contains(out, "archivio config check") || !strings.Contains(out, "Examples:") {
		t.Errorf("config --help: %v\n%s", err, out)
	}
	out, _, err = runConfigCLI(t, nil, "check", "--help")
	if err != nil || !strings.Contains(out, "--config") {
		t.Errorf("config check --help: %v\n%s", err, out)
	}
	for _, args := range [][]string{nil, {"frobnicate"}, {"init", "--bogus"}, {"check", "extra"}} {
		if _, _, err := runConfigCLI(t, nil, args...); !errors.Is(err, errUsage) {
			t.Errorf("config %v = %v, want a usage error", args, err)
		}
	}
}
