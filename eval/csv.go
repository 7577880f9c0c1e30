package eval

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sitrep-dev/sitrep"
)

// table is a CSV file read whole, with columns looked up by header name.
type table struct {
	path string
	col  map[string]int
	rows [][]string
}

// readTable reads the CSV at path and checks that it has the named columns.
func readTable(path string, need ...string) (*table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", path, err)
	}
	t := &table{path: path, col: make(map[string]int, len(header))}
	for i, h := range header {
		t.col[strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")] = i
	}
	for _, name := range need {
		if _, ok := t.col[name]; !ok {
			return nil, fmt.Errorf("%s: no column %q", path, name)
		}
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		t.rows = append(t.rows, rec)
	}
	return t, nil
}

// get returns the named column of row i, "" when the row is short.
func (t *table) get(row []string, name string) string {
	i, ok := t.col[name]
	if !ok || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

// newDocument builds the Document the extractor sees for a text from a set.
func newDocument(id, source, title, text string) *sitrep.Document {
	sum := sha256.Sum256([]byte(text))
	return &sitrep.Document{
		ID:     id,
		Title:  title,
		Lang:   "en",
		Source: source,
		Raw:    text,
		Text:   text,
		Hash:   hex.EncodeToString(sum[:]),
	}
}
