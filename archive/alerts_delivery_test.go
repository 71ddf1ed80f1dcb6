package archive

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

// rewindAlerts takes the alerts' delivery (step 24) out, for tests that
// migrate again from an earlier step.
func rewindAlerts(t *testing.T, st *Store) {
	t.Helper()
	for _, q := range []string{`DROP INDEX alerts_pending`, `ALTER TABLE alerts DROP COLUMN delivery`, `ALTER TABLE alerts DROP COLUMN attempts`, `ALTER TABLE alerts DROP COLUMN wayback`} {
		if _, err := st.db.ExecContext(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAlertDeliveryStates: an alert stored pending stays pending until its
// outcome is recorded, and is what ClaimPendingAlerts returns, oldest
// first; a delivered one, one stored without sinks and one whose delivery
// failed MaxDeliveryAttempts times are settled; one that failed fewer
// times is pending again, its attempts counted.
func TestAlertDeliveryStates(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	add := func(u string, d time.Duration, delivery string) int64 {
		t.Helper()
		id, err := st.AddAlert(ctx, AlertRow{Kind: "down", URL: u, Verdict: "gone", Since: at, At: at.Add(d), Delivery: delivery})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	later := add("https://b.example/", time.Hour, DeliveryPending)
	earlier := add("https://a.example/", time.Minute, DeliveryPending)
	bare := add("https://c.example/", 2*time.Hour, "")
	pending := func() []int64 {
		t.Helper()
		rows, err := st.ClaimPendingAlerts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, r := range rows {
			ids = append(ids, r.ID)
		}
		return ids
	}
	if got := pending(); len(got) != 2 || got[0] != earlier || got[1] != later {
		t.Fatalf("pending %v, want %d then %d (oldest first)", got, earlier, later)
	}
	// Claimed twice without an outcome recorded (a killed process): still
	// pending.
	if got := pending(); len(got) != 2 {
		t.Fatalf("pending again %v", got)
	}
	if err := st.MarkDelivered(ctx, earlier, `{"all":"ok"}`, DeliveryDelivered); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= MaxDeliveryAttempts; i++ {
		if err := st.MarkDelivered(ctx, later, `{"error":"refused"}`, DeliveryFailed); err != nil {
			t.Fatal(err)
		}
		got := pending()
		if i < MaxDeliveryAttempts && (len(got) != 1 || got[0] != later) {
			t.Fatalf("after %d failed attempts: pending %v, want it retried", i, got)
		}
		if i == MaxDeliveryAttempts && len(got) != 0 {
			t.Fatalf("after %d failed attempts: pending %v, want it given up", i, got)
		}
	}
	if err := st.MarkDelivered(ctx, bare, `{}`, DeliveryNone); err != nil {
		t.Fatal(err)
	}
	const copyURL = "https://web.archive.org/web/20260302090000/https://b.example/"
	if err := st.SetAlertWayback(ctx, later, copyURL); err != nil {
		t.Fatal(err)
	}
	rows, err := st.Alerts(ctx)
	if err != nil || len(rows) != 3 {
		t.Fatalf("alerts %+v %v", rows, err)
	}
	want := map[int64][2]any{earlier: {DeliveryDelivered, 1}, later: {DeliveryFailed, MaxDeliveryAttempts}, bare: {DeliveryNone, 0}}
	for _, r := range rows {
		if w := want[r.ID]; r.Delivery != w[0] || r.Attempts != w[1] {
			t.Errorf("alert %d: %s after %d attempts, want %v", r.ID, r.Delivery, r.Attempts, w)
		}
		if (r.ID == later) != (r.Wayback == copyURL) || (r.ID != later && r.Wayback != "") {
			t.Errorf("alert %d: Wayback copy %q", r.ID, r.Wayback)
		}
	}
}

// TestMigrationSettlesOldAlerts: alerts stored before deliveries were
// recorded are settled by the migration, never pending: delivered or
// failed as their outcome says, else unknown.
func TestMigrationSettlesOldAlerts(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	rewindLinks(t, st) // step 25, after it
	rewindAlerts(t, st)
	if _, err := st.db.ExecContext(ctx, `DELETE FROM schema_migrations WHERE version >= 24`); err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.ExecContext(ctx, `INSERT INTO alerts (kind, url, verdict, since, at, delivered) VALUES
		('down', 'https://a.example/', 'gone', '2026-03-01T09:00:00.000000000Z', '2026-03-02T09:00:00.000000000Z', '{"all":"ok"}'),
		('down', 'https://b.example/', 'gone', '2026-03-01T09:00:00.000000000Z', '2026-03-02T09:00:01.000000000Z', '{"error":"refused"}'),
		('up', 'https://c.example/', 'ok', '2026-03-01T09:00:00.000000000Z', '2026-03-02T09:00:02.000000000Z', '{}')`); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if st, err = Open(ctx, dir); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if rows, err := st.ClaimPendingAlerts(ctx); err != nil || len(rows) != 0 {
		t.Fatalf("pending after the migration: %+v %v", rows, err)
	}
	rows, err := st.Alerts(ctx)
	if err != nil || len(rows) != 3 {
		t.Fatalf("alerts %+v %v", rows, err)
	}
	for i, w := range []struct {
		state    string
		attempts int
	}{{DeliveryDelivered, 1}, {DeliveryFailed, 1}, {DeliveryUnknown, 0}} {
		if rows[i].Delivery != w.state || rows[i].Attempts != w.attempts {
			t.Errorf("alert %s: %s after %d attempts, want %s after %d", rows[i].URL, rows[i].Delivery, rows[i].Attempts, w.state, w.attempts)
		}
	}
}

// TestMigrationSettlesOldAlertsFromAnOldSchema is the same from a
// database made by the first steps only.
func TestMigrationSettlesOldAlertsFromAnOldSchema(t *testing.T) {
	dir := t.TempDir()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, DBName)+"?_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	db.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`)
	for v := 1; v <= 4; v++ {
		if _, err := db.Exec(migrations[v]); err != nil {
			t.Fatalf("migration %d: %v", v, err)
		}
		db.Exec(`INSERT INTO schema_migrations (version) VALUES (?)`, v)
	}
	if _, err := db.Exec(`INSERT INTO alerts (kind, url, verdict, since, at) VALUES
		('down', 'https://a.example/', 'gone', '2026-03-01T09:00:00.000000000Z', '2026-03-02T09:00:00.000000000Z')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	st, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.ClaimPendingAlerts(context.Background())
	if err != nil || len(rows) != 0 {
		t.Fatalf("pending after the migration: %+v %v", rows, err)
	}
	all, _ := st.Alerts(context.Background())
	if len(all) != 1 || all[0].Delivery != DeliveryUnknown {
		t.Errorf("alerts %+v", all)
	}
}

// TestCheckAlertWriteStoresTheAlertWithTheCheck: the write of a check
// that moves its link stores the transition's alert in its own
// transaction, pending, and says its id; a check that moves nothing
// stores none.
func TestCheckAlertWriteStoresTheAlertWithTheCheck(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const u = "https://gone.example/"
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	if err := st.AddSiteLinks(ctx, "osservatorio", "https://www.osservatoriopartecipazione.it/", []string{u}, at); err != nil {
		t.Fatal(err)
	}
	th := Thresholds{FailThreshold: 1, RecoverThreshold: 2}
	var got []AlertedCheck
	write := func(d time.Duration, works bool) {
		t.Helper()
		c := Check{URL: u, CheckedAt: at.Add(d), Verdict: "gone", Status: 404, Method: "GET"}
		if works {
			c.Verdict, c.Status = "ok", 200
		}
		if err := st.apply(ctx, CheckAlertWrite(c, works, th, DeliveryPending, func() time.Time { return at.Add(d + time.Second) },
			func(a AlertedCheck) { got = append(got, a) })); err != nil {
			t.Fatal(err)
		}
	}
	write(0, false)           // down
	write(time.Minute, false) // holds
	rows, err := st.Alerts(ctx)
	if err != nil || len(rows) != 1 {
		t.Fatalf("alerts %+v %v", rows, err)
	}
	if len(got) != 2 || got[0].Transition != "down" || got[0].AlertID != rows[0].ID || got[1].Transition != "" || got[1].AlertID != 0 {
		t.Fatalf("writes committed %+v, alert %d", got, rows[0].ID)
	}
	if r := rows[0]; r.Kind != "down" || r.URL != u || r.Delivery != DeliveryPending || !r.At.Equal(at.Add(time.Second)) || !r.Since.Equal(at) {
		t.Errorf("alert %+v", r)
	}
}
