package eval

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"sort"
)

// Floors holds the lowest value each figure may fall to, keyed "set/figure"
// (see Figure.Key). The lead raises them as the system improves, so that a
// change which makes a figure worse is caught by the tests.
type Floors map[string]float64

// LoadFloors reads floors from a JSON object of "set/figure": value.
func LoadFloors(path string) (Floors, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f Floors
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

//go:embed floors.json
var floorsJSON []byte

// DefaultFloors returns the floors committed in eval/floors.json, built into
// the binary so that `sitrep eval` can check them anywhere.
func DefaultFloors() (Floors, error) {
	var f Floors
	if err := json.Unmarshal(floorsJSON, &f); err != nil {
		return nil, fmt.Errorf("eval/floors.json: %w", err)
	}
	return f, nil
}

// Check returns one message per figure that is below its floor by more
// than slack (in the figure's own unit: points for percentages), and one per
// floor whose figure was not computed at all. It returns nil when every
// figure holds.
func (f Floors) Check(figs []Figure, slack float64) []string {
	seen := make(map[string]bool, len(figs))
	var out []string
	for _, fig := range figs {
		key := fig.Key()
		seen[key] = true
		floor, ok := f[key]
		if ok && fig.Value < floor-slack {
			out = append(out, fmt.Sprintf("%s: %.1f is below its floor %.1f (n=%d)", key, fig.Value, floor, fig.N))
		}
	}
	var missing []string
	for key := range f {
		if !seen[key] {
			missing = append(missing, key)
		}
	}
	sort.Strings(missing)
	for _, key := range missing {
		out = append(out, key+": has a floor but was not computed")
	}
	return out
}
