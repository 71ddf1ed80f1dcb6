package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
)

// logFlags are the logging flags every long-running command has.
type logFlags struct {
	quiet  bool
	format string
}

func (l *logFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&l.quiet, "quiet", false, "only warnings and errors; no progress bar")
	fs.StringVar(&l.format, "log-format", "text", "log line format: text or json (durations in seconds)")
}

// logger makes the command's logger, writing to w.
func (l *logFlags) logger(w io.Writer) (*slog.Logger, error) {
	level := slog.LevelInfo
	if l.quiet {
		level = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: level}
	switch strings.ToLower(l.format) {
	case "text", "":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		opts.ReplaceAttr = durationSeconds
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("%w: --log-format must be text or json, not %q", errUsage, l.format)
}

// durationSeconds writes durations in JSON logs as seconds (a number,
// 1.5), the unit log processors and Prometheus use, rather than slog's
// integer nanoseconds.
func durationSeconds(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() == slog.KindDuration {
		return slog.Float64(a.Key, a.Value.Duration().Seconds())
	}
	return a
}

// isTerminal reports whether w is a terminal, where a live progress bar
// makes sense.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
