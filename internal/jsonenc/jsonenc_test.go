package jsonenc

import (
	"encoding/json"
	"math"
	"testing"
)

// TestAgreesWithEncodingJSON checks both appenders against encoding/json
// on the values that take its less obvious paths.
func TestAgreesWithEncodingJSON(t *testing.T) {
	strs := []string{
		"", "plain", `quote " and \ backslash`, "tab\tnew\nline\rcr\bback\fform",
		"\x00\x01\x1f control", "<b>&amp;</b>", "caf\u00e9 \u0645\u0646\u0628\u062c", "line\u2028para\u2029",
		"bad \xff\xfe utf-8", "emoji \U0001F600",
	}
	for _, s := range strs {
		want, _ := json.Marshal(s)
		if got := AppendString(nil, s); string(got) != string(want) {
			t.Errorf("AppendString(%q) = %s, want %s", s, got, want)
		}
	}
	floats := []float64{0, 1, -1, 0.5, 36.63122, -0.30526, 1e-6, 1e-7, 9.99e-7, 1e20, 1e21, 1.5e21, -2.5e-9, math.MaxFloat64, math.SmallestNonzeroFloat64}
	for _, f := range floats {
		want, _ := json.Marshal(f)
		if got := AppendFloat(nil, f); string(got) != string(want) {
			t.Errorf("AppendFloat(%v) = %s, want %s", f, got, want)
		}
	}
}
