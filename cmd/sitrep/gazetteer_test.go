package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestGazetteerImportLayers imports a user's own place into a database and
// finds it through lookup and through extraction from that database, while
// the embedded gazetteer alone does not know it.
func TestGazetteerImportLayers(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	write(t, dir, "mine.csv", "name,aliases,lat,lon,country,admin1\nQarqur Tahtani,Lower Qarqur;Qarqour,35.81,36.29,SY,Hama\n")
	if code, _, stderr := runCLI(t, "", "gazetteer", "import", "--db", db, filepath.Join(dir, "mine.csv")); code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	code, out, stderr := runCLI(t, "", "gazetteer", "lookup", "--db", db, "Lower Qarqur")
	if code != 0 || !strings.Contains(out, "Qarqur Tahtani") || !strings.Contains(out, "SYR") {
		t.Errorf("lookup of an imported alias: exit %d: %s%s", code, out, stderr)
	}
	if _, out, _ := runCLI(t, "", "gazetteer", "lookup", "Lower Qarqur"); strings.Contains(out, "Qarqur Tahtani") {
		t.Errorf("the embedded gazetteer alone knows an imported place: %s", out)
	}

	write(t, dir, "report.txt", "Shelling hits village\n\nShelling hit the village of Qarqour on Monday, wounding three people, a local council said.\n")
	if code, _, stderr := runCLI(t, "", "ingest", "--db", db, "--published", "2024-03-05", filepath.Join(dir, "report.txt")); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	_, out, _ = runCLI(t, "", "export", "--db", db, "--format", "jsonl")
	if !strings.Contains(out, `"location":"Qarqur Tahtani"`) {
		t.Errorf("an event in an imported village is not placed there: %s", out)
	}
}

func TestGazetteerUsage(t *testing.T) {
	for _, args := range [][]string{
		{"gazetteer", "frob"},
		{"gazetteer", "lookup"},
		{"gazetteer", "import"},
	} {
		if code, _, _ := runCLI(t, "", args...); code != 2 {
			t.Errorf("sitrep %v: exit %d, want 2", args, code)
		}
	}
	dir := t.TempDir()
	write(t, dir, "places.xml", "<places/>")
	if code, _, stderr := runCLI(t, "", "gazetteer", "import", "--db", filepath.Join(dir, "g.db"), filepath.Join(dir, "places.xml")); code != 1 || !strings.Contains(stderr, "places.xml") {
		t.Errorf("import of an unknown file type: exit %d, %q", code, stderr)
	}
}

// TestUnresolvedPlacesCycle follows what a user does with a village the
// gazetteer lacks: ingest keeps its name with the document, `gazetteer
// unresolved` lists it with the place used instead, the user imports it,
// and after `reprocess` it is placed and no longer listed.
func TestUnresolvedPlacesCycle(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "u.db")
	write(t, dir, "a.txt", "Village shelled\n\nArtillery shelled the village of Zorbatiyeh (Idlib, Syria) on Monday, wounding four people, residents said.\n")
	write(t, dir, "b.txt", "Clashes near village\n\nFighters clashed near the village of Zorbatiyeh on Tuesday, a monitor said.\n")
	if code, _, stderr := runCLI(t, "", "ingest", "--db", db, "--published", "2024-03-05", filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	code, out, stderr := runCLI(t, "", "gazetteer", "unresolved", "--db", db)
	if code != 0 {
		t.Fatalf("unresolved: exit %d: %s", code, stderr)
	}
	var row string
	for line := range strings.SplitSeq(out, "\n") {
		if strings.Contains(line, "Zorbatiyeh") {
			row = line
		}
	}
	if f := strings.Fields(row); len(f) < 2 || f[0] != "2" || !strings.Contains(row, "Idlib") {
		t.Errorf("Zorbatiyeh not listed in two documents, placed at Idlib:\n%s", out)
	}

	write(t, dir, "mine.csv", "name,aliases,lat,lon,country,admin1\nZorbatiyeh,,35.70,36.60,SY,Idlib\n")
	if code, _, stderr := runCLI(t, "", "gazetteer", "import", "--db", db, filepath.Join(dir, "mine.csv")); code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", "reprocess", "--db", db); code != 0 {
		t.Fatalf("reprocess: exit %d: %s", code, stderr)
	}
	if _, out, _ := runCLI(t, "", "gazetteer", "unresolved", "--db", db); strings.Contains(out, "Zorbatiyeh") {
		t.Errorf("still unresolved after import and reprocess:\n%s", out)
	}
	if _, out, _ := runCLI(t, "", "export", "--db", db, "--format", "jsonl"); !strings.Contains(out, `"location":"Zorbatiyeh"`) {
		t.Errorf("no event placed at the imported village: %s", out)
	}
	if code, _, _ := runCLI(t, "", "gazetteer", "unresolved", "--db", filepath.Join(dir, "none.db")); code == 0 {
		t.Error("unresolved on a missing database succeeded")
	}
}
