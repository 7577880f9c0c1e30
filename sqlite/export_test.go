package sqlite

// InBox is inBox, for the tests of package sqlite_test.
var InBox = inBox
