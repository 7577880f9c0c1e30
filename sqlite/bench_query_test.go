package sqlite_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/api"
	"github.com/sitrep-dev/sitrep/sqlite"
)

// benchIncidents is how many synthetic incidents the query benchmarks
// store; SITREP_BENCH_N overrides it.
func benchIncidents() int {
	if n, err := strconv.Atoi(os.Getenv("SITREP_BENCH_N")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}

// The synthetic world: incidents uniform over a box from West Africa to
// South Asia and over ten years of days.
const (
	benchMinLat, benchMaxLat = -35.0, 60.0
	benchMinLon, benchMaxLon = -20.0, 100.0
	benchDays                = 3653
)

var benchStart = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)

var (
	benchOnce sync.Once
	benchPath string
	benchErr  error
)

// benchDB returns the path of a database holding benchIncidents()
// synthetic incidents. It is kept in the temporary directory between runs
// (a million incidents take a while to write); delete it to regenerate.
func benchDB(b *testing.B) string {
	benchOnce.Do(func() {
		n := benchIncidents()
		benchPath = filepath.Join(os.TempDir(), fmt.Sprintf("sitrep-bench-%d.db", n))
		if db, err := sqlite.Open(context.Background(), benchPath); err == nil {
			have, err := db.CountIncidents(context.Background())
			db.Close()
			if err == nil && have == n {
				return
			}
		}
		os.Remove(benchPath)
		os.Remove(benchPath + "-wal")
		os.Remove(benchPath + "-shm")
		start := time.Now()
		benchErr = generate(benchPath, n)
		fmt.Fprintf(os.Stderr, "generated %d incidents in %s\n", n, time.Since(start).Round(time.Millisecond))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath
}

// generate writes n synthetic incidents to a new database at path with
// bulk inserts: the schema comes from sqlite.Open, the rows go in through
// one transaction with durability off, as a restore would.
func generate(path string, n int) error {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	db.Close()
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)&_pragma=cache_size(-500000)&_pragma=temp_store(MEMORY)")
	if err != nil {
		return err
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	tx, err := raw.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// The notes and the space-time index are filled once at the end, as
	// the store's writer does at commit.
	ins, err := tx.PrepareContext(ctx, `INSERT INTO incidents (id, state, version, hash, event_type, iso3, admin1,
		event_date, latitude, longitude, created_at, updated_at, snapshot,
		sub_event_type, fatalities, inter1, inter2, grade, actors)
		VALUES (?, 'live', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, lower(? || char(10) || ? || char(10) || ? || char(10) || ?))`)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	types := []struct{ typ, sub string }{
		{"Battles", "Armed clash"}, {"Explosions/Remote violence", "Shelling/artillery/missile attack"},
		{"Explosions/Remote violence", "Air/drone strike"}, {"Violence against civilians", "Attack"},
		{"Protests", "Peaceful protest"}, {"Riots", "Violent demonstration"},
	}
	isos := []string{"SYR", "YEM", "SOM", "NGA", "UKR", "AFG", "MLI", "IRQ"}
	for i := 1; i <= n; i++ {
		t := types[rng.IntN(len(types))]
		iso := isos[rng.IntN(len(isos))]
		lat := benchMinLat + rng.Float64()*(benchMaxLat-benchMinLat)
		lon := benchMinLon + rng.Float64()*(benchMaxLon-benchMinLon)
		date := benchStart.AddDate(0, 0, rng.IntN(benchDays))
		fat := 0
		if rng.IntN(3) == 0 {
			fat = rng.IntN(40)
		}
		at := date.Add(72 * time.Hour)
		inc := sitrep.Incident{
			ID: strconv.Itoa(i),
			Event: sitrep.Event{
				EventType: t.typ, SubEventType: t.sub,
				Actor1: "Military Forces of " + iso, Inter1: 1, Actor2: "Rebel group " + strconv.Itoa(rng.IntN(50)), Inter2: 2, Interaction: 12,
				Place: sitrep.Place{Location: "Place " + strconv.Itoa(i%5000), Country: iso, ISO3: iso, Admin1: "Region " + strconv.Itoa(rng.IntN(20)),
					Latitude: lat, Longitude: lon, Precision: 1 + rng.IntN(3)},
				EventDate: date.Format(sitrep.DateLayout), TimePrecision: 1, Fatalities: fat,
				Claims: []sitrep.Claim{{Claimant: "officials", Outlet: "Outlet " + strconv.Itoa(rng.IntN(30)),
					Kind: sitrep.Killed, CountLow: fat, CountHigh: fat, Qualifier: "exact", Span: sitrep.Span{Start: 10, End: 30}}},
				Evidence: map[string]sitrep.Span{"event_type": {Start: 0, End: 8}, "location": {Start: 40, End: 52}},
				Notes:    "Synthetic incident number " + strconv.Itoa(i) + " for the query benchmark; forces clashed near a village.",
			},
			FatalitiesBest: &fat, Grade: sitrep.GradeSingle, GradeReasons: []string{"one source"}, Sources: 1,
			Reports: []string{strconv.Itoa(i)}, Version: 1, CreatedAt: at, UpdatedAt: at,
		}
		snap, err := json.Marshal(&inc)
		if err != nil {
			return err
		}
		stamp := at.Format("2006-01-02T15:04:05.000000000Z")
		if _, err := ins.ExecContext(ctx, i, "h"+strconv.Itoa(i), t.typ, iso, inc.Admin1, inc.EventDate, lat, lon, stamp, stamp, string(snap),
			inc.SubEventType, inc.Fatalities, inc.Inter1, inc.Inter2, inc.Grade,
			inc.Actor1, inc.Actor2, inc.AssocActor1, inc.AssocActor2); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO incidents_fts (rowid, notes)
		SELECT id, json_extract(snapshot, '$.notes') FROM incidents`); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO incidents_spacetime
		SELECT id, latitude, latitude, longitude, longitude, julianday(event_date), julianday(event_date) FROM incidents`); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = raw.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE); ANALYZE`)
	return err
}

func benchServer(b *testing.B) *httptest.Server {
	db, err := sqlite.Open(context.Background(), benchDB(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	srv := httptest.NewServer(api.New(db, slog.New(slog.DiscardHandler), api.Options{}))
	b.Cleanup(srv.Close)
	return srv
}

// benchFields is the fields= of the query benchmark's requests:
// SITREP_BENCH_FIELDS when set, so that setting it empty asks for whole
// events, as the web UI's list does; by default the map's few columns.
func benchFields() string {
	if f, ok := os.LookupEnv("SITREP_BENCH_FIELDS"); ok {
		return f
	}
	return "id,event_date,latitude,longitude"
}

// BenchmarkBoxDateQueryHTTP asks GET /api/events for a 3°×3° box and
// eighteen months, which select about a hundred of a million incidents,
// from four concurrent clients (SITREP_BENCH_CLIENTS) over loopback, and
// reports the median and 99th percentile latency, and the process's CPU
// time per request (client and server: both run here). Each request asks
// for the fields benchFields names. Run it with -benchtime=1x: each run
// sends benchRequests requests.
func BenchmarkBoxDateQueryHTTP(b *testing.B) {
	srv := benchServer(b)
	const benchRequests = 2000
	clients := 4
	if n, err := strconv.Atoi(os.Getenv("SITREP_BENCH_CLIENTS")); err == nil && n > 0 {
		clients = n
	}
	fields := ""
	if f := benchFields(); f != "" {
		fields = "&fields=" + url.QueryEscape(f)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	for b.Loop() {
		rng := rand.New(rand.NewPCG(3, 4))
		urls := make(chan string, benchRequests)
		for range benchRequests {
			lat := benchMinLat + rng.Float64()*(benchMaxLat-benchMinLat-3)
			lon := benchMinLon + rng.Float64()*(benchMaxLon-benchMinLon-3)
			from := benchStart.AddDate(0, 0, rng.IntN(benchDays-548))
			urls <- fmt.Sprintf("%s/api/events?bbox=%.4f,%.4f,%.4f,%.4f&from=%s&to=%s&limit=100%s",
				srv.URL, lon, lat, lon+3, lat+3, from.Format(sitrep.DateLayout), from.AddDate(0, 0, 547).Format(sitrep.DateLayout), fields)
		}
		close(urls)
		cpu0 := cpuTime()
		var (
			mu       sync.Mutex
			took     []time.Duration
			returned int
			wg       sync.WaitGroup
		)
		for range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for u := range urls {
					start := time.Now()
					resp, err := client.Get(u)
					if err != nil {
						b.Error(err)
						return
					}
					var page struct {
						Events []json.RawMessage `json:"events"`
					}
					err = json.NewDecoder(resp.Body).Decode(&page)
					resp.Body.Close()
					d := time.Since(start)
					if err != nil || resp.StatusCode != 200 {
						b.Errorf("%s: %d %v", u, resp.StatusCode, err)
						return
					}
					mu.Lock()
					took = append(took, d)
					returned += len(page.Events)
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		cpu := cpuTime() - cpu0
		slices.Sort(took)
		if len(took) == 0 {
			b.Fatal("no request succeeded")
		}
		b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms")
		b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
		b.ReportMetric(float64(returned)/float64(len(took)), "events/req")
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(len(took)), "cpu-ms/req")
	}
}

// BenchmarkExportAllCSV streams every incident as ACLED CSV over loopback
// and reports the process's peak resident memory during the export
// (VmHWM, reset before it starts).
func BenchmarkExportAllCSV(b *testing.B) { benchExportAll(b, "csv", 1) }

// BenchmarkExportAllJSONL streams every incident as JSON Lines, written
// from the stored snapshots, and reports as BenchmarkExportAllCSV does.
func BenchmarkExportAllJSONL(b *testing.B) { benchExportAll(b, "jsonl", 0) }

// benchExportAll exports every incident in format, whose output has
// header lines before one line per incident.
func benchExportAll(b *testing.B, format string, header int) {
	srv := benchServer(b)
	for b.Loop() {
		resetPeakRSS()
		start := time.Now()
		cpu0 := cpuTime()
		resp, err := http.Get(srv.URL + "/api/events?format=" + format)
		if err != nil {
			b.Fatal(err)
		}
		lines, bytesRead := countLines(b, resp.Body)
		resp.Body.Close()
		if want := benchIncidents() + header; lines != want {
			b.Errorf("%d lines, want %d", lines, want)
		}
		b.ReportMetric(float64(peakRSS())/(1<<20), "peak-RSS-MB")
		b.ReportMetric(time.Since(start).Seconds(), "export-s")
		b.ReportMetric((cpuTime() - cpu0).Seconds(), "cpu-s")
		b.ReportMetric(float64(bytesRead)/(1<<20), format+"-MB")
	}
}

func countLines(b *testing.B, r io.Reader) (lines int, n int64) {
	buf := make([]byte, 256<<10)
	br := bufio.NewReaderSize(r, 256<<10)
	for {
		k, err := br.Read(buf)
		lines += bytes.Count(buf[:k], []byte{'\n'})
		n += int64(k)
		if err == io.EOF {
			return lines, n
		}
		if err != nil {
			b.Fatal(err)
		}
	}
}

// resetPeakRSS resets VmHWM (Linux: writing 5 to clear_refs).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS returns VmHWM in bytes, or 0 where /proc is not there.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
