package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/gazetteer"
	"github.com/sitrep-dev/sitrep/sqlite"
)

func init() {
	register(command{name: "gazetteer", summary: "look up places, or import GeoNames dumps and your own places", run: runGazetteer})
}

const gazetteerAbout = `
  sitrep gazetteer lookup [--db PATH] [--country CC] NAME
      the places NAME may mean, best first, and why each ranks where it does
  sitrep gazetteer import [--db PATH] FILE...
      add places to the database, layered over the embedded GeoNames cities500
      index for every command that uses the database. FILE is a GeoNames dump
      (allCountries.zip, a country file such as SY.txt or SY.zip), GeoNames
      alternateNamesV2 (.txt or .zip; adds spellings to places already
      imported, so import it last), or a CSV with a header of name, aliases
      (separated by ;), lat, lon, country, admin1.
  sitrep gazetteer unresolved [--db PATH] [-n N]
      the names stored documents hold as places but that the gazetteer could
      not place, most documents first, with the place used instead: what to
      add (as a CSV, with import) before 'sitrep reprocess'`

func runGazetteer(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fs := flags(e, "gazetteer", "lookup|import|unresolved [flags] ...", gazetteerAbout)
		return parse(fs, []string{"--help"})
	}
	switch args[0] {
	case "lookup":
		return gazetteerLookup(ctx, e, args[1:])
	case "import":
		return gazetteerImport(ctx, e, args[1:])
	case "unresolved":
		return gazetteerUnresolved(ctx, e, args[1:])
	}
	return fmt.Errorf("%w: unknown gazetteer command %q: want lookup, import or unresolved", errUsage, args[0])
}

func gazetteerLookup(ctx context.Context, e *env, args []string) error {
	fs := flags(e, "gazetteer lookup", "[--db PATH] [--country CC] NAME", gazetteerAbout)
	db := fs.String("db", "", "database whose imported places to include (default: the embedded gazetteer only)")
	country := fs.String("country", "", "ISO2, ISO3 or name of the country the name is believed to be in (ranks, does not filter)")
	limit := fs.Int("n", 10, "show at most `N` candidates")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: give a place name", errUsage)
	}
	g, err := gazetteerFor(ctx, *db)
	if err != nil {
		return err
	}
	cands := g.Lookup(strings.Join(fs.Args(), " "), *country)
	if len(cands) == 0 {
		fmt.Fprintln(e.stdout, "no place of that name")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tscore\tplace\tkind\tadmin2\tadmin1\tcountry\tgeonameid\tlat,lon\twhy")
	for i, c := range cands {
		if i == *limit {
			break
		}
		p := c.Place
		kind := c.Kind
		if kind == "" {
			kind = "place"
		}
		fmt.Fprintf(tw, "%d\t%.2f\t%s\t%s\t%s\t%s\t%s\t%d\t%.4f,%.4f\t%s\n", i+1, c.Score, p.Location, kind,
			p.Admin2, p.Admin1, p.ISO3, p.GeonameID, p.Latitude, p.Longitude, c.Reason)
	}
	return tw.Flush()
}

func gazetteerUnresolved(ctx context.Context, e *env, args []string) error {
	fs := flags(e, "gazetteer unresolved", "[--db PATH] [-n N]", gazetteerAbout)
	db := dbFlag(fs)
	limit := fs.Int("n", 50, "show at most `N` names")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	if _, err := os.Stat(*db); err != nil {
		return fmt.Errorf("--db %s: %w", *db, err)
	}
	store, err := sqlite.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "documents\tname\tplaced instead at\texample document")
	n := 0
	err = store.UnresolvedPlaces(ctx, func(u sqlite.UnresolvedName) bool {
		fallback := u.Fallback
		if fallback == "" {
			fallback = "-"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", u.Documents, u.Name, fallback, u.Example)
		n++
		return n < *limit
	})
	if err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintln(e.stdout, "every place name in the stored documents was placed")
		return nil
	}
	return tw.Flush()
}

func gazetteerImport(ctx context.Context, e *env, args []string) error {
	fs := flags(e, "gazetteer import", "[--db PATH] FILE...", gazetteerAbout)
	db := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: give GeoNames dumps or CSV files", errUsage)
	}
	store, err := sqlite.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	for _, path := range fs.Args() {
		entries, err := readPlaces(ctx, store, path)
		if err != nil {
			return err
		}
		n, err := store.PutGazetteerEntries(ctx, filepath.Base(path), entries)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		e.log.Info("imported places", "file", path, "places", n)
	}
	return nil
}

// readPlaces reads the places in one file, by its kind.
func readPlaces(ctx context.Context, store *sqlite.DB, path string) ([]sitrep.GazetteerEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	base := strings.ToLower(filepath.Base(path))
	switch {
	case strings.HasSuffix(base, ".csv"):
		return gazetteer.ReadCSV(f, path)
	case strings.HasPrefix(base, "alternatenames"):
		// Spellings for places already imported: attach them and store
		// those places again.
		var stored []sitrep.GazetteerEntry
		if err := store.GazetteerEntries(ctx, func(en sitrep.GazetteerEntry) bool {
			if en.GeonameID != 0 {
				stored = append(stored, en)
			}
			return true
		}); err != nil {
			return nil, err
		}
		alts, err := gazetteer.ReadAlternateNames(f, path)
		if err != nil {
			return nil, err
		}
		gazetteer.WithAlternates(stored, alts)
		return stored, nil
	case strings.HasSuffix(base, ".zip"):
		return gazetteer.ReadGeoNamesZip(f, st.Size(), path, reportable)
	case strings.HasSuffix(base, ".txt"):
		return gazetteer.ReadGeoNames(f, path, reportable)
	}
	return nil, fmt.Errorf("%s: not a GeoNames dump (.txt, .zip) or a CSV of places", path)
}

// reportable keeps the GeoNames features conflict reports name as places:
// populated places, administrative units, and the sites fighting happens
// around (airports, bases, camps, dams, ports, crossings). The rest of a
// full dump (streams, hills, hotels) would only add false matches.
func reportable(e sitrep.GazetteerEntry) bool {
	f := e.Feature
	switch {
	case f == "", strings.HasPrefix(f, "PPL"), strings.HasPrefix(f, "ADM") && !strings.HasSuffix(f, "H"):
		return true
	}
	switch f {
	case "AIRP", "AIRB", "MILB", "CMP", "CMPRF", "DAM", "PRT", "BDG", "OILF", "PSTB":
		return true
	}
	return false
}

// gazetteerFor returns the embedded gazetteer with the places imported
// into database db layered over it; with db "", the embedded one alone.
func gazetteerFor(ctx context.Context, db string) (*gazetteer.Gazetteer, error) {
	if db == "" {
		return gazetteer.Default()
	}
	store, err := sqlite.Open(ctx, db)
	if err != nil {
		return nil, err
	}
	defer store.Close()
	return storeGazetteer(ctx, store)
}

// placeSource is a store that keeps imported places.
type placeSource interface {
	GazetteerEntries(ctx context.Context, fn func(sitrep.GazetteerEntry) bool) error
}

// storeGazetteer returns the gazetteer for a store: the shared embedded
// default, or a private copy of it with the store's imported places added.
func storeGazetteer(ctx context.Context, store sitrep.Store) (*gazetteer.Gazetteer, error) {
	src, ok := store.(placeSource)
	if !ok {
		return gazetteer.Default()
	}
	var entries []sitrep.GazetteerEntry
	if err := src.GazetteerEntries(ctx, func(en sitrep.GazetteerEntry) bool {
		entries = append(entries, en)
		return true
	}); err != nil {
		return nil, fmt.Errorf("imported places: %w", err)
	}
	if len(entries) == 0 {
		return gazetteer.Default()
	}
	g, err := gazetteer.Open()
	if err != nil {
		return nil, err
	}
	g.Add(entries...)
	return g, nil
}

// extractorFor returns an extractor over the store's gazetteer.
func extractorFor(ctx context.Context, store sitrep.Store) (*extract.Extractor, error) {
	g, err := storeGazetteer(ctx, store)
	if err != nil {
		return nil, fmt.Errorf("loading the gazetteer: %w", err)
	}
	return extract.New(g), nil
}
