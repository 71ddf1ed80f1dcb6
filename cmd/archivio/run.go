package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"

	"archivio/internal/config"
)

// env is what a command may touch of the outside world besides its
// arguments. Tests give it buffers.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string // nil reads nothing
	// show, when set, receives the command's settings instead of the
	// command running ("archivio config show COMMAND ...").
	show io.Writer
	// network, when set, is the network crawls and link checks reach
	// instead of the internet (the tests' virtual internet); nil: the real
	// network, through the guard against non-public addresses.
	network http.RoundTripper
}

// env returns the value of an environment variable, "" when unset.
func (e *env) env(key string) string {
	if e.getenv == nil {
		return ""
	}
	return e.getenv(key)
}

// command is one subcommand: its name, a one-line summary for the command
// list, and the function that parses its own flags and runs it.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

func commands() []command {
	return []command{
		{"demo", "crawl the embedded demo site offline and show what archivio keeps", runDemo},
		{"crawl", "crawl a source into the WARC archive and the catalog", runCrawl},
		{"records", "list the stored records (latest versions) as a table or JSON Lines", runRecords},
		{"reparse", "read the archived record pages again with the current parser", runReparse},
		{"export", "write the records as research datasets (CSV, JSON Lines, Parquet, SQLite) with a codebook", runExport},
		{"diff", "records added, removed and changed between two moments", runDiff},
		{"links", "list the links the records carry with their health; \"links check\" checks them", runLinks},
		{"alerts", "list the alerts: sources that went offline or came back", runAlerts},
		{"serve", "the web interface over the archive, read-only: records, history, source health, replay", runServe},
		{"run", "run as a daemon: scheduled crawls and link checks, metrics, status", runDaemon},
		{"status", "show what the archive holds and whether a daemon runs", runStatus},
		{"migrate", "copy the archive into the shared PostgreSQL catalog (and its WARC files to a bucket), checked", runMigrate},
		{"config", "write (config init) or check (config check) the archivio.yaml configuration", runConfig},
		{"parse", "read saved process pages and print them as JSON Lines records", runParse},
		{"version", "print the archivio and parser versions", runVersion},
	}
}

// errUsage marks a mistake in the command line; it exits with status 2.
var errUsage = errors.New("usage")

// errLinksFailing ends "archivio links check" when links are down or
// failing their checks; it exits with status exitLinksFailing unless
// --exit-zero.
var errLinksFailing = errors.New("links down or failing")

// exitLinksFailing is the exit status of a link check that found links
// down or failing, distinct from errors (1) and usage errors (2).
const exitLinksFailing = 3

// errReported marks a failure whose details were already written to stderr;
// it exits with status 1 and adds nothing.
var errReported = errors.New("failed")

const mainUsage = `archivio keeps a living, verifiable archive of the public records of the
Osservatorio Partecipazione (Regione Emilia-Romagna) and the sites they point to.

Usage:
  archivio COMMAND [flags] [arguments]

Commands:
%s
Run "archivio COMMAND --help" for a command's flags and an example.
`

func run(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 {
		printMainUsage(e.stderr)
		return errUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 && name == "help" {
			return run(ctx, []string{args[1], "--help"}, e)
		}
		printMainUsage(e.stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, e, args[1:])
		}
	}
	fmt.Fprintf(e.stderr, "archivio: unknown command %q\n\n", name)
	printMainUsage(e.stderr)
	return errUsage
}

func printMainUsage(w io.Writer) {
	var b strings.Builder
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, mainUsage, b.String())
}

// newFlagSet returns a flag set for a command. Its usage text (a
// description and an example) is printed by parseFlags on --help.
func newFlagSet(e *env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // parseFlags reports errors itself
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintln(out, strings.TrimSpace(usage))
		fmt.Fprintln(out, "\nFlags:")
		printFlags(out, fs)
	}
	return fs
}

// printFlags lists a command's flags as they are typed, "--name VALUE",
// each with its usage and its default once: the usage's own "(default"
// note when it has one, else the flag's default value when it is not
// the zero value.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		kind, usage := flag.UnquoteUsage(f)
		head := "  --" + f.Name
		if kind != "" {
			head += " " + kind
		}
		if def := flagDefault(f); def != "" && !strings.Contains(usage, "(default") {
			usage += " (default " + def + ")"
		}
		fmt.Fprintf(w, "%s\n      %s\n", head, strings.ReplaceAll(usage, "\n", "\n      "))
	})
}

// flagDefault is a flag's default as help shows it, "" for a zero value.
func flagDefault(f *flag.Flag) string {
	switch v := f.Value.(type) {
	case durationFlag:
		if *v.v == 0 {
			return ""
		}
		return config.ShortDuration(*v.v)
	case intFlag:
		if *v.v == 0 {
			return ""
		}
	case int64Flag:
		if *v.v == 0 {
			return ""
		}
	}
	switch f.DefValue {
	case "", "0", "false", "0s":
		return ""
	}
	return f.DefValue
}

// parseFlags parses a command's flags. --help prints the usage on stdout
// and stops the command without error; a bad flag is a usage error.
func parseFlags(fs *flag.FlagSet, e *env, args []string) (stop bool, err error) {
	err = fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(e.stdout)
		fs.Usage()
		return true, nil
	}
	if err != nil {
		return true, fmt.Errorf("%w: %s: %s (see archivio %s --help)", errUsage, fs.Name(), dashed(err.Error()), fs.Name())
	}
	return false, nil
}

// flagName is a flag as the flag package names it in its errors, "-data".
var flagName = regexp.MustCompile(`(^|[\s:])-([a-z][a-z-]*)`)

// dashed writes the flags an error of the flag package names as they are
// typed and shown in help: "--data", not "-data".
func dashed(msg string) string {
	return flagName.ReplaceAllString(msg, "$1--$2")
}

// exitCode reports err on stderr when it has not been reported yet and
// turns it into the process exit status.
func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		if msg := strings.TrimPrefix(err.Error(), errUsage.Error()+": "); msg != errUsage.Error() {
			fmt.Fprintln(stderr, "archivio:", msg)
		}
		return 2
	case errors.Is(err, errReported):
		return 1
	case errors.Is(err, errLinksFailing):
		fmt.Fprintln(stderr, "archivio:", err)
		return exitLinksFailing
	default:
		fmt.Fprintln(stderr, "archivio:", err)
		return 1
	}
}
