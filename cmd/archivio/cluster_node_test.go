package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"archivio/archive/pg"
	"archivio/internal/cluster"
)

// nodeRun is an "archivio crawl" process as a node.
type nodeRun struct {
	name, dsn   string
	cmd         *exec.Cmd
	out, errOut bytes.Buffer
}

// startNode starts "archivio ARGS --data DATA" as the node name, its
// connection string in $TEST_ARCHIVIO_PG (see sharedConfig).
func startNode(t *testing.T, dsn, name, data string, args []string) *nodeRun {
	t.Helper()
	c := child(t, append(slices.Clone(args), "--data", data)...)
	c.Env = append(c.Env, "TEST_ARCHIVIO_PG="+dsn, "ARCHIVIO_NODE="+name)
	r := &nodeRun{name: name, cmd: c, dsn: dsn}
	c.Stdout, c.Stderr = &r.out, &r.errOut
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	// A test that fails early leaves no node running.
	t.Cleanup(func() { c.Process.Kill() })
	return r
}

// report waits for the node to end and reads its JSON report.
func (r *nodeRun) report(t *testing.T) cluster.Report {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- r.cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(2 * time.Minute):
		// A node that does not end: its goroutines to stderr.
		r.cmd.Process.Signal(syscall.SIGQUIT)
		<-done
		t.Fatalf("%s did not end in 2 minutes\n%s\n%s\n%s", r.name, r.out.String(), r.errOut.String(), frontierState(r.dsn))
	}
	if err != nil {
		t.Fatalf("%s: %v\n%s\n%s", r.name, err, r.out.String(), r.errOut.String())
	}
	var rep cluster.Report
	if err := json.Unmarshal(r.out.Bytes(), &rep); err != nil {
		t.Fatalf("%s: report: %v\n%s", r.name, err, r.out.String())
	}
	return rep
}

// frontierState describes the shared frontier's unsettled URLs and the
// hosts, for a failure message.
func frontierState(dsn string) string {
	ctx := context.Background()
	st, err := pg.Open(ctx, dsn, pg.Options{Node: "checker"})
	if err != nil {
		return err.Error()
	}
	defer st.Close()
	var b strings.Builder
	cs, err := cluster.ReadStatus(ctx, st, time.Minute)
	if err != nil {
		return err.Error()
	}
	j, _ := json.MarshalIndent(cs, "", "  ")
	b.Write(j)
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return b.String() + err.Error()
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT f.key, f.lease_id, f.attempts, COALESCE(string_agg(c.warc_file || '@' || c.warc_offset || ' ' || c.status, ', '), '')
		FROM frontier f LEFT JOIN captures c ON c.url = f.url WHERE f.state = 'queued' GROUP BY f.key, f.lease_id, f.attempts`)
	if err != nil {
		return b.String() + err.Error()
	}
	for rows.Next() {
		var key, caps string
		var id *int64
		var attempts int
		rows.Scan(&key, &id, &attempts, &caps)
		fmt.Fprintf(&b, "\nqueued %s attempts %d captures %s", key, attempts, caps)
	}
	rows, err = conn.Query(ctx, `SELECT pid, COALESCE(state, ''), COALESCE(wait_event_type, ''), COALESCE(wait_event, ''), left(query, 120)
		FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)
	if err != nil {
		return b.String() + err.Error()
	}
	for rows.Next() {
		var pid int
		var state, wt, we, q string
		rows.Scan(&pid, &state, &wt, &we, &q)
		fmt.Fprintf(&b, "\nbackend %d %s %s %s: %s", pid, state, wt, we, q)
	}
	return b.String()
}
