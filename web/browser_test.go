package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/api"
	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/gazetteer"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/reconcile"
	"github.com/sitrep-dev/sitrep/sqlite"
	"github.com/sitrep-dev/sitrep/web"
)

// repoRoot walks up from the test's directory to the module root.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// ci reports whether the tests run in CI, where a missing browser or an
// unbuilt UI is a failure rather than a reason to skip.
func ci() bool { return os.Getenv("CI") == "true" }

func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	if ci() {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}

func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	skipOrFail(t, "browser tests need Debian's chromium (apt-get install chromium); none found on PATH")
	return ""
}

// browser starts a headless Chromium with a fresh profile and returns a
// context for driving one tab, limited to a few minutes.
func browser(t *testing.T) context.Context {
	t.Helper()
	exe := chromium(t)
	if !web.Built() {
		skipOrFail(t, "the web UI is not built into this test binary: run `make web` (cd web && npm ci && npm run build) first")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	// The first call starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx); err != nil {
		skipOrFail(t, "cannot start %s: %v", exe, err)
	}
	// The page's console and uncaught exceptions go to the test log.
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			var args []string
			for _, a := range ev.Args {
				if a.Value != nil {
					args = append(args, string(a.Value))
				} else {
					args = append(args, a.Description)
				}
			}
			t.Logf("console.%s: %s", ev.Type, strings.Join(args, " "))
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			t.Logf("page exception at %s:%d: %s", d.URL, d.LineNumber, msg)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// server assembles sitrep as serve does: the UI in front of the API,
// over a SQLite store in a temporary folder.
type server struct {
	*httptest.Server
	store *sqlite.DB
	x     *extract.Extractor
}

func newServer(t *testing.T) *server {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatalf("gazetteer: %v", err)
	}
	s := &server{store: store, x: extract.New(g)}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	apiSrv := api.New(store, log, api.Options{Ingest: s.ingest})
	h := web.Mount(apiSrv, web.Options{
		Log: log,
		Preview: func(ctx context.Context, doc *sitrep.Document) ([]sitrep.Event, error) {
			return s.x.Events(doc), nil
		},
		Correct: func(ctx context.Context, id string, fields map[string]json.RawMessage, c sitrep.Cause) (*sitrep.Incident, error) {
			var inc *sitrep.Incident
			err := store.Update(ctx, func(tx sitrep.IncidentTx) (err error) {
				inc, err = reconcile.Correct(ctx, tx, id, fields, c)
				return err
			})
			return inc, err
		},
	})
	if os.Getenv("SITREP_TRACE") != "" {
		inner := h
		h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			inner.ServeHTTP(w, r)
			t.Logf("%s %s took %v", r.Method, r.URL, time.Since(start).Round(time.Millisecond))
		})
	}
	s.Server = httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s
}

func (s *server) ingest(ctx context.Context, docs []*sitrep.Document) ([]api.Ingested, error) {
	out := make([]api.Ingested, len(docs))
	for i, doc := range docs {
		events := s.x.Events(doc)
		var res reconcile.Result
		err := s.store.Update(ctx, func(tx sitrep.IncidentTx) (err error) {
			if res, err = reconcile.Ingest(ctx, tx, doc, events); err != nil {
				return err
			}
			// reconcile.Ingest leaves Result.Incidents empty; read them back.
			if len(res.Incidents) == 0 && len(events) > 0 {
				res.Incidents, err = tx.Attachments(ctx, res.DocID)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		out[i] = api.Ingested{ID: res.DocID, Created: res.Created, Events: len(events), Incidents: res.Incidents}
	}
	return out, nil
}

// ingestFAKES stores the FA-KES dev articles, read in place from
// ../shared, each published on its labelled date.
func (s *server) ingestFAKES(t *testing.T) int {
	t.Helper()
	path := filepath.Join(repoRoot(t), "..", "shared", "data", "fakes", "fakes-dev.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("FA-KES dev articles not found (%v): the browser test needs ../shared next to the repo", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var docs []*sitrep.Document
	for _, r := range recs[1:] {
		var opt ingest.Options
		opt.Outlet = r[col["source"]]
		if d, err := time.Parse("1/2/2006", r[col["date"]]); err == nil {
			opt.Published = d
		}
		doc, err := ingest.Text("fakes-"+r[col["unit_id"]], []byte(r[col["article_title"]]+"\n"+r[col["article_content"]]), opt)
		if err != nil {
			continue
		}
		doc.Published = opt.Published
		docs = append(docs, doc)
	}
	start := time.Now()
	if _, err := s.ingest(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	t.Logf("ingested %d FA-KES dev articles in %v", len(docs), time.Since(start).Round(time.Millisecond))
	return len(docs)
}

func (s *server) getJSON(t *testing.T, path string, v any) {
	t.Helper()
	resp, err := http.Get(s.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET %s: %s: %s", path, resp.Status, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

func artifacts(t *testing.T) string {
	dir := filepath.Join(repoRoot(t), "artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// waitJS polls a JavaScript expression until it is true.
func waitJS(expr string) chromedp.Action[chromedp.Void] {
	poll := chromedp.Poll[bool](expr, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second))
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := poll(ctx, t)
		if err != nil {
			err = fmt.Errorf("waiting for %s: %w", expr, err)
		}
		return chromedp.Void{}, err
	}
}

// js runs a statement in the page.
func js(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](expr)
}

// eval returns the value of an expression in the page, failing the test
// when it cannot.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// dump logs what the page shows, to explain a failure.
func dump(t *testing.T, ctx context.Context) {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + "\n" + document.body.innerText.slice(0, 3000) + "\nCSP: " + (window.__cspViolations || []).join("; ")`))
	t.Logf("page: %s (%v)", v, err)
}

// setField sets a filter control as a user would, firing change.
func setField(id, value string) chromedp.Action[chromedp.Void] {
	return js(fmt.Sprintf(`(() => {
		const el = document.getElementById(%q);
		el.value = %q;
		el.dispatchEvent(new Event('change', {bubbles: true}));
	})()`, id, value))
}

// xssText is an article of our own whose text carries markup that must
// render as text.
const xssText = `Shelling kills four in Maarat al-Numan
Four civilians were killed on Tuesday when government forces shelled the town of Maarat al-Numan in Idlib province, a monitoring group said.
A resident wrote: <script>window.__pwned = 1</script> and then <img src="x" onerror="window.__pwned = 2"> before the line went dead.
`

func TestBrowserFAKES(t *testing.T) {
	ctx := browser(t)
	s := newServer(t)
	s.ingestFAKES(t)
	xssDoc, err := ingest.Text("xss", []byte(xssText), ingest.Options{Published: time.Date(2017, 3, 7, 0, 0, 0, 0, time.UTC), Outlet: "Test Wire"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.ingest(context.Background(), []*sitrep.Document{xssDoc})
	if err != nil {
		t.Fatal(err)
	}
	if len(res[0].Incidents) == 0 {
		t.Fatalf("the article with markup yielded no incident; the test needs one to open: %+v", res[0])
	}
	xssIncident := res[0].Incidents[0]

	// The governorate with the most events, and the middle half of its dates.
	var stats api.Stats
	s.getJSON(t, "/api/stats?country=SYR", &stats)
	if len(stats.ByAdmin1) == 0 || stats.ByAdmin1[0].Admin1 == "" {
		t.Fatalf("no Syrian governorate among the stored events: %+v", stats.ByAdmin1)
	}
	gov := stats.ByAdmin1[0].Admin1
	var page api.EventPage
	s.getJSON(t, "/api/events?limit=1000&fields=event_date&admin1="+url.QueryEscape(gov), &page)
	var dates []string
	for _, e := range page.Events {
		dates = append(dates, e.EventDate)
	}
	slices.Sort(dates)
	from, to := dates[len(dates)/4], dates[len(dates)*3/4]
	t.Logf("filtering on %s (%d events) from %s to %s", gov, len(dates), from, to)

	err = chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/"),
		waitJS(`document.body.dataset.ready === '/' && document.querySelectorAll('table.events tbody tr').length > 0`),
		waitJS(`[...document.querySelectorAll('#f-admin1 option')].length > 1`),
		waitJS(`/events on the map( \(|$)/.test(document.querySelector('.map-count').textContent)`),
		chromedp.Sleep(500*time.Millisecond),
	)
	if err != nil {
		dump(t, ctx)
		t.Fatalf("opening the app: %v", err)
	}
	mapPNG, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("#map")))
	if err != nil {
		t.Fatalf("screenshot of the map: %v", err)
	}
	if err := os.WriteFile(filepath.Join(artifacts(t), "map.png"), mapPNG, 0o644); err != nil {
		t.Fatal(err)
	}

	// Filter by governorate, then by date range, as a user would.
	err = chromedp.Do(ctx,
		setField("f-admin1", gov),
		waitJS(fmt.Sprintf(`new URLSearchParams(location.search).get('admin1') === %q`, gov)),
		setField("f-from", from),
		setField("f-to", to),
		waitJS(fmt.Sprintf(`(() => { const p = new URLSearchParams(location.search); return p.get('from') === %q && p.get('to') === %q; })()`, from, to)),
		waitJS(`/events, .* fatalities selected/.test(document.querySelector('.total').textContent)`),
		waitJS(`!/Loading/.test(document.querySelector('.list-status').textContent)`),
	)
	if err != nil {
		t.Fatalf("filtering: %v", err)
	}
	total := eval[string](t, ctx, `document.querySelector('.total').textContent`)
	statusText := eval[string](t, ctx, `document.querySelector('.list-status').textContent`)
	href := eval[string](t, ctx, `document.getElementById('export-csv').getAttribute('href')`)
	location := eval[string](t, ctx, `location.href`)
	rows := eval[[]map[string]string](t, ctx, `[...document.querySelectorAll('table.events tbody tr')].map(tr => ({
		id: tr.dataset.id, date: tr.cells[0].textContent, place: tr.cells[2].textContent }))`)
	t.Logf("filtered view %s: %q, list %q", location, total, statusText)
	if len(rows) == 0 {
		t.Fatalf("no events listed for %s from %s to %s", gov, from, to)
	}
	for _, r := range rows {
		if r["date"] < from || r["date"] > to || !strings.Contains(r["place"], gov) {
			t.Errorf("listed event %s (%s, %s) is outside the filters", r["id"], r["date"], r["place"])
		}
	}

	// The export link exports exactly the filtered set.
	var want api.Stats
	s.getJSON(t, "/api/stats?"+url.Values{"admin1": {gov}, "from": {from}, "to": {to}}.Encode(), &want)
	if !strings.Contains(total, fmt.Sprintf("%d events", want.Events)) {
		t.Errorf("the page says %q; the API counts %d events", total, want.Events)
	}
	u, err := url.Parse(href)
	if err != nil || u.Path != "/api/events" || u.Query().Get("format") != "csv" {
		t.Fatalf("CSV export link %q", href)
	}
	resp, err := http.Get(s.URL + href)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s: %s", href, resp.Status, body)
	}
	table, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil || len(table) == 0 {
		t.Fatalf("export is not CSV: %v", err)
	}
	head := map[string]int{}
	for i, h := range table[0] {
		head[h] = i
	}
	for _, c := range []string{"event_date", "admin1", "event_type", "fatalities"} {
		if _, ok := head[c]; !ok {
			t.Fatalf("export lacks ACLED column %s: %v", c, table[0])
		}
	}
	if got := len(table) - 1; got != want.Events {
		t.Errorf("export holds %d rows, the filtered set %d events", got, want.Events)
	}
	for _, r := range table[1:] {
		if !strings.EqualFold(r[head["admin1"]], gov) || r[head["event_date"]] < from || r[head["event_date"]] > to {
			t.Errorf("exported row outside the filters: admin1 %q, event_date %q", r[head["admin1"]], r[head["event_date"]])
		}
	}

	// Open the event with the most fatalities: sort, then follow its link.
	err = chromedp.Do(ctx,
		js(`[...document.querySelectorAll('th button.sort')].find(b => /^Fatalities/.test(b.textContent)).click()`),
		waitJS(`new URLSearchParams(location.search).get('sort') === '-fatalities'`),
		waitJS(`!/Loading/.test(document.querySelector('.list-status').textContent)`),
		chromedp.Click(chromedp.CSS(`table.events tbody tr:first-child td a`)),
		waitJS(`document.body.dataset.ready.startsWith('/events/') && !!document.querySelector('.report-text')`),
	)
	if err != nil {
		t.Fatalf("opening an event: %v", err)
	}
	eventPath := eval[string](t, ctx, `location.pathname`)
	claimRows := eval[int](t, ctx, `document.querySelectorAll('#claims tbody tr').length`)
	marks := eval[int](t, ctx, `document.querySelectorAll('.report-text mark.span').length`)
	t.Logf("%s: %d claims, %d highlighted spans", eventPath, claimRows, marks)
	if claimRows == 0 {
		t.Errorf("%s: no claims table rows for the deadliest event of the selection", eventPath)
	}
	if marks == 0 {
		t.Errorf("%s: no highlighted evidence span", eventPath)
	}
	checkSpans(t, ctx, s, strings.TrimPrefix(eventPath, "/events/"))
	eventPNG, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot of the event page: %v", err)
	}
	if err := os.WriteFile(filepath.Join(artifacts(t), "event.png"), eventPNG, 0o644); err != nil {
		t.Fatal(err)
	}

	// An event placed at the unit around a place the gazetteer lacks says
	// which place the text named.
	var all struct {
		Events []struct {
			ID       string `json:"id"`
			Named    string `json:"named"`
			Location string `json:"location"`
		} `json:"events"`
	}
	s.getJSON(t, "/api/events?limit=1000", &all)
	namedID, named := "", ""
	for _, e := range all.Events {
		if e.Named != "" {
			namedID, named = e.ID, e.Named
			break
		}
	}
	if namedID == "" {
		t.Error("no FA-KES event is placed at the unit around an unknown place; the test needs one")
	} else {
		err = chromedp.Do(ctx,
			chromedp.Navigate(s.URL+"/events/"+url.PathEscape(namedID)),
			waitJS(`!!document.querySelector('.summary')`),
		)
		if err != nil {
			t.Fatalf("opening event %s: %v", namedID, err)
		}
		if summary := eval[string](t, ctx, `document.querySelector('.summary').textContent`); !strings.Contains(summary, named+": not in the gazetteer") {
			t.Errorf("the page of event %s does not say it stands for %q: %q", namedID, named, summary)
		}
	}

	// Markup in an article renders as text.
	err = chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/events/"+url.PathEscape(xssIncident)),
		waitJS(`!!document.querySelector('.report-text')`),
		chromedp.Sleep(300*time.Millisecond),
	)
	if err != nil {
		t.Fatalf("opening the article with markup: %v", err)
	}
	if eval[bool](t, ctx, `window.__pwned !== undefined`) {
		t.Error("a script in an article's text ran")
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('.report-text script, .report-text img, .event-page img[onerror]').length`); n > 0 {
		t.Errorf("%d elements were made from an article's markup", n)
	}
	reportText := eval[string](t, ctx, `document.querySelector('.report-text').textContent`)
	for _, frag := range []string{"<script>window.__pwned = 1</script>", `<img src="x" onerror="window.__pwned = 2">`} {
		if !strings.Contains(reportText, frag) {
			t.Errorf("the report text does not show %q as text; it reads %q", frag, reportText)
		}
	}
	if v := eval[[]string](t, ctx, `window.__cspViolations`); len(v) > 0 {
		t.Errorf("Content-Security-Policy violations: %v", v)
	}

	// A reviewer corrects the death toll; the page reloads with a new version.
	before := eval[int](t, ctx, `document.querySelectorAll('#versions tbody tr').length`)
	err = chromedp.Do(ctx,
		setField("c-field", "fatalities_best"),
		setField("c-value", "5"),
		setField("c-reviewer", "Test Reviewer"),
		setField("c-note", "checked against a second source"),
		chromedp.Click(chromedp.CSS(`#correction button[type=submit]`)),
		waitJS(fmt.Sprintf(`document.querySelectorAll('#versions tbody tr').length === %d`, before+1)),
	)
	if err != nil {
		dump(t, ctx)
		t.Fatalf("correcting: %v", err)
	}
	if best := eval[string](t, ctx, `document.querySelector('.figure.best strong').textContent`); best != "5" {
		t.Errorf("after correcting fatalities_best to 5 the page shows %q", best)
	}

	// Add a report from the browser: preview shows its events, save stores it.
	const pasted = "Clashes near Saraqib\nTwo fighters were killed on Sunday in clashes between government forces and rebels near Saraqib in Idlib province, a monitor said.\n<b>bold</b>"
	err = chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/add"),
		waitJS(`!!document.getElementById('add-text')`),
		setField("add-text", pasted),
		setField("add-published", "2017-02-14"),
		chromedp.Click(chromedp.ID("add-preview")),
		waitJS(`/found in 1 document/.test(document.querySelector('.form-msg').textContent)`),
	)
	if err != nil {
		dump(t, ctx)
		t.Fatalf("previewing a pasted report: %v", err)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('.preview-events tbody tr').length`); n == 0 {
		t.Error("the preview shows no event for a report of a clash")
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.ID("add-save")),
		waitJS(`/^Saved 1 document/.test(document.querySelector('.form-msg').textContent)`),
	)
	if err != nil {
		dump(t, ctx)
		t.Fatalf("saving a pasted report: %v", err)
	}
	saved := eval[string](t, ctx, `document.querySelector('.form-msg').textContent`)
	link := eval[string](t, ctx, `document.querySelector('.form-msg a')?.getAttribute('href') || ''`)
	t.Logf("after saving: %q", saved)
	if !strings.HasPrefix(link, "/events/") {
		t.Errorf("the saved message links to no event: %q", saved)
	}
}

// checkSpans compares the first report's highlighted text with the
// document's text sliced by code points, as the API publishes spans.
func checkSpans(t *testing.T, ctx context.Context, s *server, id string) {
	t.Helper()
	var ev api.EventDetail
	s.getJSON(t, "/api/events/"+url.PathEscape(id), &ev)
	if len(ev.ReportDocs) == 0 {
		t.Errorf("event %s has no reports", id)
		return
	}
	var doc api.DocumentView
	s.getJSON(t, ev.ReportDocs[0].Href, &doc)
	shown := eval[string](t, ctx, `document.querySelector('.report-text').textContent`)
	firstMark := eval[string](t, ctx, `document.querySelector('.report-text mark.span')?.textContent || ''`)
	if shown != doc.Text {
		t.Errorf("the report text shown differs from the document's text (%d and %d bytes)", len(shown), len(doc.Text))
	}
	if len(doc.Spans) == 0 {
		return
	}
	runes := []rune(doc.Text)
	sp := doc.Spans[0]
	want := string(runes[sp.Start:min(sp.End, len(runes))])
	if firstMark == "" || !strings.HasPrefix(want, firstMark) {
		t.Errorf("first highlighted text %q is not the start of span %s [%d,%d) %q", firstMark, sp.Field, sp.Start, sp.End, want)
	}
}

// TestBrowserFirstLoad measures the first page load with 10,000
// synthetic events stored: bytes transferred and time until the list
// and the map are drawn. It logs the figures; it asserts only that the
// page loads.
func TestBrowserFirstLoad(t *testing.T) {
	ctx := browser(t)
	s := newServer(t)
	const n = 10000
	start := time.Now()
	if err := storeSynthetic(context.Background(), s.store, n); err != nil {
		t.Fatal(err)
	}
	t.Logf("stored %d synthetic events in %v", n, time.Since(start).Round(time.Millisecond))

	var mu sync.Mutex
	var bytesIn float64
	requests := 0
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventLoadingFinished); ok {
			mu.Lock()
			bytesIn += e.EncodedDataLength
			requests++
			mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatal(err)
	}
	var listed, mapped time.Duration
	mark := func(d *time.Duration) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(context.Context, *chromedp.Target) error {
			*d = time.Since(start)
			return nil
		})
	}
	start = time.Now()
	err = chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/"),
		waitJS(`document.querySelectorAll('table.events tbody tr').length > 0`),
		mark(&listed),
		waitJS(`/events on the map( \(|$)/.test(document.querySelector('.map-count').textContent) && !!document.querySelector('.uplot')`),
		mark(&mapped),
		chromedp.Sleep(300*time.Millisecond), // let the last responses finish
	)
	if err != nil {
		t.Fatalf("first load: %v", err)
	}
	onMap := eval[string](t, ctx, `document.querySelector('.map-count').textContent`)
	mu.Lock()
	defer mu.Unlock()
	t.Logf("first load with %d events stored: %.0f KiB transferred in %d requests; list shown after %v, map and timeline complete after %v (%s)",
		n, bytesIn/1024, requests, listed.Round(time.Millisecond), mapped.Round(time.Millisecond), onMap)
	if !strings.HasPrefix(onMap, fmt.Sprintf("%d,", n/1000)) {
		t.Errorf("the map shows %q, want all %d events", onMap, n)
	}
}

// storeSynthetic stores n made-up incidents across Syria over two years.
func storeSynthetic(ctx context.Context, store *sqlite.DB, n int) error {
	rng := rand.New(rand.NewPCG(7, 11))
	types := []string{"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments"}
	govs := []string{"Aleppo", "Idlib", "Hama", "Homs", "Damascus", "Rif Dimashq", "Dar'a", "Deir ez-Zor", "Ar-Raqqa", "Al-Hasakah"}
	actors := []string{"Military Forces of Syria (2000-)", "Hayat Tahrir al-Sham", "Islamic State (Syria)", "Syrian Democratic Forces", "Civilians (Syria)"}
	day0 := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	return store.Update(ctx, func(tx sitrep.IncidentTx) error {
		for i := range n {
			id, err := tx.NewIncident(ctx)
			if err != nil {
				return err
			}
			f := rng.IntN(8) * rng.IntN(4)
			inc := &sitrep.Incident{
				ID: id,
				Event: sitrep.Event{
					EventType: types[rng.IntN(len(types))],
					Actor1:    actors[rng.IntN(len(actors))],
					Actor2:    actors[rng.IntN(len(actors))],
					Place: sitrep.Place{
						Location: fmt.Sprintf("Place %d", i%500), Country: "Syria", ISO3: "SYR", Admin1: govs[i%len(govs)],
						Latitude: 32.5 + rng.Float64()*4.5, Longitude: 36 + rng.Float64()*5.5, Precision: 1,
					},
					EventDate:  day0.AddDate(0, 0, rng.IntN(730)).Format(sitrep.DateLayout),
					Fatalities: f,
					Notes:      "A synthetic event for measuring the UI.",
				},
				FatalitiesBest: &f,
				Grade:          sitrep.GradeSingle,
				Sources:        1,
			}
			if _, err := tx.Save(ctx, inc, sitrep.Cause{Kind: "report"}); err != nil {
				return err
			}
		}
		return nil
	})
}
