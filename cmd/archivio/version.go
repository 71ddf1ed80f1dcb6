package main

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime/debug"

	"archivio/parsers"
)

const versionUsage = `
Usage: archivio version [--format table|json]

Prints the archivio build and the record parser version. The parser version
is stored beside every parsed value, so a dataset says which parser read it.
--format json prints them as one JSON object.

Example:
  archivio version
`

func runVersion(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "version", versionUsage)
	of := formatFlag(fs, "output", formatTable, formatJSON)
	if stop, err := parseFlags(fs, e, args); stop {
		return err
	}
	format, err := of.get()
	if err != nil {
		return err
	}
	if format == formatJSON {
		return json.NewEncoder(e.stdout).Encode(map[string]string{"archivio": buildVersion(), "parser": parsers.Version})
	}
	fmt.Fprintf(e.stdout, "archivio %s\nparser %s\n", buildVersion(), parsers.Version)
	return nil
}

// buildVersion is the module version, or the VCS revision of a build from a
// checkout, or "devel".
func buildVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "devel-" + s.Value[:12]
		}
	}
	return "devel"
}
