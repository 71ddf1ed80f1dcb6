// Command archivio keeps a verifiable archive of the public records of the
// Osservatorio Partecipazione (Regione Emilia-Romagna) and the sites they
// point to. Run "archivio --help" for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// memoryLimit is the soft limit on the Go heap when GOMEMLIMIT does not set
// one. archivio's memory is bounded by design (bodies stream to disk, parses
// wait at a gate, at most one page at the parse limit at a time); the limit
// keeps the collector from letting the heap grow to twice that bound when
// the machine is busy and collection lags.
const memoryLimit = 200 << 20

func main() {
	limitMemory(os.Getenv)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv})
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// limitMemory sets the heap's soft limit unless GOMEMLIMIT sets one.
func limitMemory(getenv func(string) string) {
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}
