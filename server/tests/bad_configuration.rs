//! Bad configuration ends with one clear error line and a non-zero exit, never a panic.

use std::process::Command;

fn concordat() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_concordat"));
    cmd.env_remove("DATABASE_URL")
        .env_remove("CONCORDAT_ADDR")
        .env("RUST_LOG", "warn")
        .env("NO_COLOR", "1");
    cmd
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("concordat_cfg_{name}_{}", std::process::id()));
    std::fs::create_dir_all(dir.join("site/pkg")).expect("temp dir");
    dir
}

/// Runs the command and returns its last stderr line, asserting failure without a panic.
fn fails_with_one_line(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run concordat");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "should fail; stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "no panic: {stderr}");
    assert!(
        !stderr.contains("RUST_BACKTRACE"),
        "no backtrace hint: {stderr}"
    );
    let last = stderr.lines().last().unwrap_or_default().to_owned();
    assert!(
        last.starts_with("concordat: error: "),
        "one clear line: {stderr}"
    );
    assert_eq!(stderr.matches("concordat: error:").count(), 1, "{stderr}");
    last
}

#[test]
fn an_unreachable_database_is_one_clear_line() {
    let line = fails_with_one_line(
        concordat()
            .arg("migrate")
            .env("DATABASE_URL", "postgres://postgres@127.0.0.1:1/concordat"),
    );
    assert!(
        line.contains("cannot connect to the PostgreSQL database"),
        "{line}"
    );
}

#[test]
fn an_unsupported_database_url_is_named() {
    let line = fails_with_one_line(
        concordat()
            .arg("migrate")
            .env("DATABASE_URL", "mysql://x/y"),
    );
    assert!(
        line.contains("DATABASE_URL must start with sqlite: or postgres://"),
        "{line}"
    );
}

#[test]
fn a_password_in_the_url_is_never_printed() {
    let line = fails_with_one_line(
        concordat()
            .arg("migrate")
            .env("DATABASE_URL", "mysql://app:hunter22@x/y"),
    );
    assert!(!line.contains("hunter22"), "{line}");
}

#[test]
fn an_unwritable_data_directory_is_one_clear_line() {
    // /proc refuses new directories even to root.
    let line = fails_with_one_line(
        concordat()
            .arg("migrate")
            .env("DATABASE_URL", "sqlite:///proc/concordat-test/data.db"),
    );
    assert!(
        line.contains("cannot use the data directory /proc/concordat-test"),
        "{line}"
    );
}

#[test]
fn a_port_in_use_is_one_clear_line() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr");
    let dir = temp_dir("port");
    let line = fails_with_one_line(
        concordat()
            .args(["serve", "--addr", &addr.to_string()])
            .env(
                "DATABASE_URL",
                format!("sqlite://{}/db.sqlite", dir.display()),
            )
            .env("LEPTOS_SITE_ROOT", dir.join("site")),
    );
    assert!(line.contains(&format!("cannot listen on {addr}")), "{line}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_malformed_address_is_named() {
    let dir = temp_dir("addr");
    let line = fails_with_one_line(
        concordat()
            .args(["serve", "--addr", "localhost"])
            .env(
                "DATABASE_URL",
                format!("sqlite://{}/db.sqlite", dir.display()),
            )
            .env("LEPTOS_SITE_ROOT", dir.join("site")),
    );
    assert!(line.contains("must be HOST:PORT"), "{line}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn missing_site_assets_are_named() {
    let dir = temp_dir("assets");
    let line = fails_with_one_line(
        concordat()
            .args(["serve", "--addr", "127.0.0.1:0"])
            .env("LEPTOS_SITE_ROOT", dir.join("nowhere")),
    );
    assert!(line.contains("cannot find the site assets"), "{line}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn migrate_creates_the_sqlite_file_and_its_folder() {
    let dir = temp_dir("create");
    let db = dir.join("nested/data/concordat.db");
    let out = concordat()
        .arg("migrate")
        .env("DATABASE_URL", format!("sqlite://{}", db.display()))
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(db.is_file());
    // and a second run is a no-op
    let again = concordat()
        .arg("migrate")
        .env("DATABASE_URL", format!("sqlite://{}", db.display()))
        .output()
        .expect("run");
    assert!(again.status.success());
    let _ = std::fs::remove_dir_all(dir);
}
