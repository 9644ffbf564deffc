//! Prism (`@stoplight/prism-cli`, pinned in `package.json`) as a child process
//! mocking an OpenAPI description on a free loopback port.

use std::fs::File;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::raw_http;

/// Longest wait for Prism to answer after starting (it takes about 1 s).
pub const STARTUP_TIMEOUT: Duration = Duration::from_secs(60);

/// `node_modules/.bin/prism` under the repository root.
pub fn prism_bin() -> PathBuf {
    crate::repo_root().join("node_modules/.bin/prism")
}

/// Runs `npm ci` once per test process if `bin` is missing.
fn install_once(bin: &Path) {
    static INSTALL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = INSTALL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if bin.exists() {
        return;
    }
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(crate::repo_root())
        .stdout(Stdio::null())
        .status();
    assert!(
        matches!(status, Ok(s) if s.success()),
        "`npm ci` failed ({status:?}); Node.js and npm are needed for the Prism contract test"
    );
}

/// A running `prism mock --errors`; killed when dropped. With `--errors`
/// Prism answers a request that breaks the description with a 4xx and an
/// `sl-violations` header.
pub struct Prism {
    child: Child,
    port: u16,
    log_path: PathBuf,
    /// How long it took to answer its first request.
    pub startup: Duration,
}

impl Prism {
    /// Starts Prism on `spec` and waits until it answers HTTP requests.
    ///
    /// Installs Prism with `npm ci` (the lockfile's exact versions) when it
    /// is missing, so `cargo test` works on a fresh clone; panics (failing the
    /// test, never skipping it) when that fails.
    pub fn start(spec: &Path) -> Prism {
        let bin = prism_bin();
        install_once(&bin);
        assert!(
            bin.exists(),
            "{} is missing: run `npm ci` in {} to install Prism (pinned in package.json)",
            bin.display(),
            crate::repo_root().display()
        );
        assert!(
            spec.exists(),
            "no OpenAPI description at {}",
            spec.display()
        );
        let mut failures = Vec::new();
        // A port found free can be taken before Prism binds it: try again then.
        for _ in 0..3 {
            match Self::try_start(&bin, spec) {
                Ok(prism) => return prism,
                Err(failure) => failures.push(failure),
            }
        }
        panic!("Prism did not start:\n{}", failures.join("\n---\n"));
    }

    fn try_start(bin: &Path, spec: &Path) -> Result<Prism, String> {
        let port = free_port();
        let log_path =
            std::env::temp_dir().join(format!("sdk-tests-prism-{}-{port}.log", std::process::id()));
        let log = File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
        let log_err = log.try_clone().map_err(|e| e.to_string())?;
        let started = Instant::now();
        let child = Command::new(bin)
            .args([
                "mock",
                "-p",
                &port.to_string(),
                "-h",
                "127.0.0.1",
                "--errors",
            ])
            .arg(spec)
            .current_dir(crate::repo_root())
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            .spawn()
            .map_err(|e| format!("cannot run {} (is node installed?): {e}", bin.display()))?;
        let mut prism = Prism {
            child,
            port,
            log_path,
            startup: Duration::ZERO,
        };
        loop {
            if let Ok(Some(status)) = prism.child.try_wait() {
                return Err(format!("prism exited with {status}:\n{}", prism.log()));
            }
            // Any HTTP answer will do (`/` is no path of the description: 404).
            if raw_http::get(port, "/", &[]).is_ok() {
                prism.startup = started.elapsed();
                return Ok(prism);
            }
            if started.elapsed() > STARTUP_TIMEOUT {
                return Err(format!(
                    "prism did not answer within {STARTUP_TIMEOUT:?}:\n{}",
                    prism.log()
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The port it listens on, on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:{port}`, the base URL for a client.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// What Prism has printed so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log_path).unwrap_or_default()
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            eprintln!("--- Prism's log ---\n{}", self.log());
        }
        let _ = std::fs::remove_file(&self.log_path);
    }
}

/// A loopback port nothing listens on right now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("cannot bind a loopback port")
}
