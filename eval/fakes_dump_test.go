package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFAKESDump writes one line per FA-KES article to the file named by
// SITREP_FAKES_DUMP: its number, the gold governorate, the main event's
// admin1 and location, and whether they agree. Diffing two dumps shows
// which articles a change moved. It is a tool for people, skipped unless
// the variable is set.
func TestFAKESDump(t *testing.T) {
	out := os.Getenv("SITREP_FAKES_DUMP")
	if out == "" {
		t.Skip("set SITREP_FAKES_DUMP to a file to list the FA-KES results")
	}
	sys, err := Pipeline()
	if err != nil {
		t.Fatal(err)
	}
	tab, docs, err := readFAKES(filepath.Join(sharedDir(t), FAKESPath))
	if err != nil {
		t.Fatal(err)
	}
	all, _, _ := extractEach(sys, docs)
	var b strings.Builder
	for i, row := range tab.rows {
		gold := tab.get(row, "location")
		got, loc := "", ""
		if len(all[i]) > 0 {
			got, loc = all[i][0].Admin1, all[i][0].Location
		}
		fmt.Fprintf(&b, "%d\t%s\t%s\t%s\t%v\n", i, gold, got, loc, sameGovernorate(got, gold))
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
