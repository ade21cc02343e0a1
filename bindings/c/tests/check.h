/* A tiny test harness for the C suites: CHECK records a failure and goes on, so one run shows
   every broken expectation; check_summary() prints "N passed, N failed" and gives the exit code. */
#ifndef VIPPS_TEST_CHECK_H
#define VIPPS_TEST_CHECK_H

#include <stdio.h>
#include <string.h>
#include <vipps.h>

static int check_passed = 0;
static int check_failed = 0;

#define CHECK(cond) check_record((cond), #cond, __FILE__, __LINE__)
#define CHECK_STATUS(call, expected) check_status((call), (expected), #call, __FILE__, __LINE__)
#define CHECK_STR(actual, expected) check_str((actual), (expected), #actual, __FILE__, __LINE__)

static void check_record(int ok, const char *what, const char *file, int line) {
    if (ok) {
        check_passed++;
    } else {
        check_failed++;
        fprintf(stderr, "FAIL %s:%d: %s\n", file, line, what);
    }
}

static void check_status(vipps_status actual, vipps_status expected, const char *what, const char *file, int line) {
    if (actual == expected) {
        check_passed++;
        return;
    }
    check_failed++;
    fprintf(stderr, "FAIL %s:%d: %s returned %d (%s), expected %d (%s); error: %s\n", file, line, what,
            (int)actual, vipps_status_string(actual), (int)expected, vipps_status_string(expected),
            vipps_error_last() ? vipps_error_message(vipps_error_last()) : "(none)");
}

static void check_str(const char *actual, const char *expected, const char *what, const char *file, int line) {
    int ok = actual != NULL && expected != NULL ? strcmp(actual, expected) == 0 : actual == expected;
    if (ok) {
        check_passed++;
        return;
    }
    check_failed++;
    fprintf(stderr, "FAIL %s:%d: %s is \"%s\", expected \"%s\"\n", file, line, what,
            actual ? actual : "(null)", expected ? expected : "(null)");
}

static int check_summary(const char *suite) {
    printf("%s: %d passed, %d failed\n", suite, check_passed, check_failed);
    return check_failed == 0 ? 0 : 1;
}

#endif
