//! The runtime's shared checks for string formats, patterns, item counts,
//! exclusive bounds, `multiple_of` and dates, case by case (the generated
//! code calls them; tests/types_behaviour.rs checks that it does).

use cloudflare_api::runtime::datetime::{format_date, parse_date};
use cloudflare_api::runtime::union::{candidates, Member};
use cloudflare_api::runtime::validation::*;
use cloudflare_api::Rule;

#[test]
fn uuids() {
    for ok in [
        "123e4567-e89b-12d3-a456-426614174000",
        "123E4567-E89B-12D3-A456-426614174000",
        "00000000-0000-0000-0000-000000000000",
    ] {
        assert_eq!(check_uuid(ok), Ok(()), "{ok}");
    }
    for bad in [
        "",
        "123e4567e89b12d3a456426614174000",
        "123e4567-e89b-12d3-a456-42661417400",
        "123e4567-e89b-12d3-a456-4266141740000",
        "123e4567-e89b-12d3-a456_426614174000",
        "g23e4567-e89b-12d3-a456-426614174000",
        "{123e4567-e89b-12d3-a456-426614174000}",
    ] {
        assert_eq!(check_uuid(bad), Err(Rule::Format("uuid")), "{bad}");
    }
}

#[test]
fn uris() {
    for ok in [
        "https://example.com",
        "https://example.com/a/b?c=d&e=%20#frag",
        "mailto:someone@example.com",
        "urn:isbn:0451450523",
        "http://[::1]:8080/",
        "git+ssh://host/repo",
    ] {
        assert_eq!(check_uri(ok), Ok(()), "{ok}");
    }
    for bad in [
        "",
        "example.com",
        "/relative/path",
        "https:",
        "1http://x",
        "https://exa mple.com",
        "https://example.com/%2",
        "https://example.com/%zz",
        "https://exämple.com",
        "https://example.com/\n",
        "ht tp://x",
    ] {
        assert_eq!(check_uri(bad), Err(Rule::Format("uri")), "{bad:?}");
    }
}

#[test]
fn emails() {
    for ok in [
        "a@b.co",
        "first.last+tag@example.com",
        "x_y@sub.example.org",
    ] {
        assert_eq!(check_email(ok), Ok(()), "{ok}");
    }
    let long_local = format!("{}@example.com", "a".repeat(65));
    for bad in [
        "",
        "a",
        "@example.com",
        "a@",
        "a@localhost",
        "a b@example.com",
        "a@b@example.com",
        "a@-example.com",
        "a@example..com",
        long_local.as_str(),
    ] {
        assert_eq!(check_email(bad), Err(Rule::Format("email")), "{bad:?}");
    }
}

#[test]
fn hostnames() {
    let longest_label = format!("{}.com", "a".repeat(63));
    for ok in [
        "localhost",
        "a-b.example",
        "xn--bcher-kva.example",
        "1.2.3.4",
        longest_label.as_str(),
    ] {
        assert_eq!(check_hostname(ok), Ok(()), "{ok}");
    }
    let long_label = format!("{}.com", "a".repeat(64));
    let long_name = vec!["a".repeat(50); 6].join(".");
    for bad in [
        "",
        "-a.example",
        "a-.example",
        "a..example",
        "a.example.",
        "a_b.example",
        "bücher.example",
        long_label.as_str(),
        long_name.as_str(),
    ] {
        assert_eq!(
            check_hostname(bad),
            Err(Rule::Format("hostname")),
            "{bad:?}"
        );
    }
}

#[test]
fn exclusive_bounds_and_multiples() {
    assert_eq!(check_exclusive_minimum(1, 0), Ok(()));
    assert_eq!(
        check_exclusive_minimum(0, 0),
        Err(Rule::ExclusiveMinimum("0".into()))
    );
    assert_eq!(check_exclusive_maximum(0.5, 1.0), Ok(()));
    assert_eq!(
        check_exclusive_maximum(1.0, 1.0),
        Err(Rule::ExclusiveMaximum("1".into()))
    );
    assert_eq!(check_multiple_of_integer(-6, 3), Ok(()));
    assert_eq!(
        check_multiple_of_integer(7, 3),
        Err(Rule::MultipleOf("3".into()))
    );
    assert_eq!(check_multiple_of_integer(i64::MIN, 2), Ok(()));
    // Decimal steps have no exact binary form: 0.3 is 3 × 0.1 all the same.
    for ok in [
        (0.3, 0.1),
        (1.5, 0.5),
        (0.0, 0.01),
        (-2.4, 0.2),
        (19.99, 0.01),
        (1e20, 0.5),
    ] {
        assert_eq!(check_multiple_of(ok.0, ok.1), Ok(()), "{ok:?}");
    }
    for bad in [
        (0.35, 0.1),
        (1.25, 0.5),
        (f64::INFINITY, 0.5),
        (f64::NAN, 1.0),
    ] {
        assert!(check_multiple_of(bad.0, bad.1).is_err(), "{bad:?}");
    }
}

#[test]
fn patterns_item_counts_and_uniqueness() {
    let pattern = regex_lite_pattern();
    assert_eq!(check_pattern("ABC-1", &pattern), Ok(()));
    assert_eq!(
        check_pattern("xABC-1", &pattern),
        Err(Rule::Pattern("^[A-Z]{3}-[0-9]+$".into()))
    );
    assert_eq!(check_min_items(0, 1), Err(Rule::MinItems(1)));
    assert_eq!(check_min_items(1, 1), Ok(()));
    assert_eq!(check_max_items(4, 3), Err(Rule::MaxItems(3)));
    assert_eq!(check_max_items(3, 3), Ok(()));
    assert_eq!(check_unique_items(&["a", "b", "c"]), Ok(()));
    assert_eq!(
        check_unique_items(&["a", "b", "a", "b"]),
        Err((2, Rule::UniqueItems))
    );
    assert_eq!(check_unique_items::<f64>(&[]), Ok(()));
    let error = ValidationError::new("tags", 2, Rule::UniqueItems);
    assert_eq!(
        error.to_string(),
        "tags: item 2 repeats an earlier item (items must be unique)"
    );
}

fn regex_lite_pattern() -> regex_lite::Regex {
    regex_lite::Regex::new("^[A-Z]{3}-[0-9]+$").unwrap()
}

#[test]
fn dates_are_exactly_yyyy_mm_dd() {
    let leap = parse_date("2024-02-29").expect("a leap day");
    assert_eq!(
        (leap.year(), u8::from(leap.month()), leap.day()),
        (2024, 2, 29)
    );
    let mut buf = [0u8; 10];
    assert_eq!(format_date(&leap, &mut buf), Some("2024-02-29"));
    let early = parse_date("0001-01-01").unwrap();
    assert_eq!(format_date(&early, &mut buf), Some("0001-01-01"));
    for bad in [
        "2023-02-29",
        "2024-13-01",
        "2024-00-10",
        "2024-1-01",
        "24-01-01",
        "2024/01/01",
        "2024-01-01T00:00:00Z",
        " 2024-01-01",
        "+2024-01-01",
        "2024-01-32",
        "",
    ] {
        assert_eq!(parse_date(bad), None, "{bad:?}");
    }
    let far = time::Date::from_calendar_date(10_000, time::Month::January, 1);
    if let Ok(far) = far {
        assert_eq!(format_date(&far, &mut buf), None);
        assert_eq!(check_date(&far), Err(Rule::Date));
    }
    let before = time::Date::from_calendar_date(-1, time::Month::January, 1).unwrap();
    assert_eq!(format_date(&before, &mut buf), None);
    assert_eq!(check_date(&before), Err(Rule::Date));
    assert_eq!(check_date(&leap), Ok(()));
}

#[test]
fn union_candidates_follow_the_documented_order() {
    let object = |keys: &[&str]| {
        keys.iter()
            .map(|k| (k.to_string(), serde_json::Value::Null))
            .collect::<serde_json::Map<_, _>>()
    };
    let members = [
        Member {
            required: &["a"],
            known: &["a", "x"],
        },
        Member {
            required: &["a", "b"],
            known: &["a", "b"],
        },
        Member {
            required: &[],
            known: &["x", "y"],
        },
        Member {
            required: &["a"],
            known: &["a", "y", "z"],
        },
    ];
    // Most required first; then most known fields present; then declaration order.
    assert_eq!(
        candidates(&object(&["a", "b", "y", "z"]), &members),
        [1, 3, 0, 2]
    );
    assert_eq!(candidates(&object(&["a", "x"]), &members), [0, 3, 2]);
    // A member requiring nothing needs one of its fields (or an empty object).
    assert_eq!(candidates(&object(&["q"]), &members), Vec::<usize>::new());
    assert_eq!(candidates(&object(&[]), &members), [2]);
}

#[test]
fn uri_references() {
    for ok in [
        "",
        "https://example.com/a?b#c",
        "/relative/path",
        "relative/path?x=1",
        "#fragment",
        "?query",
        "a/b:c",
        "//host/path",
        "%7Euser",
    ] {
        assert_eq!(check_uri_reference(ok), Ok(()), "{ok:?}");
    }
    for bad in [
        "a b",
        "1http://x",
        "/path/%2",
        "/path/%zz",
        "/päth",
        "/path\n",
        "{x}",
    ] {
        assert_eq!(
            check_uri_reference(bad),
            Err(Rule::Format("uri-reference")),
            "{bad:?}"
        );
    }
}

#[test]
fn uri_templates() {
    for ok in [
        "",
        "/plain/path",
        "/users/{id}",
        "/search{?q,lang}",
        "{+path}/here",
        "{/list*}",
        "{var:3}",
        "/a/{b.c}/{d_e}{#f}",
        "{%20x}",
    ] {
        assert_eq!(check_uri_template(ok), Ok(()), "{ok:?}");
    }
    for bad in [
        "{",
        "}",
        "/users/{id",
        "/users/{}",
        "{a b}",
        "{var:0}",
        "{var:10000}",
        "{.}",
        "{a..b}",
        "/pa th/{x}",
        "{a}}",
    ] {
        assert_eq!(
            check_uri_template(bad),
            Err(Rule::Format("uri-template")),
            "{bad:?}"
        );
    }
}
