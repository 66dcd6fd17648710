//! Driving the real desktop app: tauri-driver (which runs WebKitWebDriver) started here,
//! a WebDriver session through fantoccini, screenshots under target/e2e-screenshots/.
//! Needs an X display (run under `xvfb-run`), `tauri-driver` and `WebKitWebDriver`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

pub type R<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

pub const CTRL: &str = "\u{E009}";
pub const ALT: &str = "\u{E00A}";
pub const SHIFT: &str = "\u{E008}";
pub const RELEASE: &str = "\u{E000}";
pub const ENTER: &str = "\u{E007}";
pub const TAB: &str = "\u{E004}";
pub const DOWN: &str = "\u{E015}";
pub const UP: &str = "\u{E013}";
pub const ESC: &str = "\u{E00C}";

/// The workspace root (tests/e2e/../..).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| if p.is_absolute() { p } else { root().join(p) })
        .unwrap_or_else(|| root().join("target"))
}

/// The app binary: `JIANGGAO_APP`, else the debug build.
pub fn app_binary() -> PathBuf {
    std::env::var_os("JIANGGAO_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug/jianggao-desktop"))
}

/// The CLI of this build (JIANGGAO_BIN, as scripts/no-network.sh takes it) on the
/// library `db`: its standard output, trimmed, or its error.
pub fn cli(db: &Path, args: &[&str]) -> R<String> {
    let bin = std::env::var_os("JIANGGAO_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug/jianggao"));
    let out = Command::new(bin).arg("--db").arg(db).args(args).output()?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).to_string().into());
    }
    Ok(String::from_utf8(out.stdout)?.trim().to_string())
}

/// True when the end-to-end tests were asked for (they need Xvfb and the drivers).
pub fn enabled() -> bool {
    if std::env::var_os("JIANGGAO_E2E").is_none() {
        eprintln!(
            "end-to-end tests skipped: set JIANGGAO_E2E=1 (scripts/test.sh does, under xvfb-run)"
        );
        return false;
    }
    true
}

/// tauri-driver, stopped with SIGTERM (SIGKILL would leave WebKitWebDriver on its port).
pub struct Driver {
    child: Child,
    pub port: u16,
}

impl Driver {
    pub fn start(port: u16, env: &[(&str, &Path)]) -> R<Driver> {
        let native = which("WebKitWebDriver")
            .ok_or("WebKitWebDriver not found (Debian package webkit2gtk-driver)")?;
        let driver = which("tauri-driver")
            .ok_or("tauri-driver not found (cargo install tauri-driver --locked)")?;
        let mut cmd = Command::new(driver);
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &(port + 1).to_string(),
        ])
        .arg("--native-driver")
        .arg(native)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd.spawn()?;
        let d = Driver { child, port };
        // Wait for the port.
        let until = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > until {
                return Err("tauri-driver did not start".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(d)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let until = Instant::now() + Duration::from_secs(5);
        while Instant::now() < until {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn which(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".cargo/bin"));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

pub async fn connect(driver: &Driver) -> R<Client> {
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("wry"));
    caps.insert(
        "tauri:options".into(),
        json!({ "application": app_binary().to_string_lossy() }),
    );
    // tauri-driver answers before WebKitWebDriver behind it is ready: try a few times.
    let mut last = None;
    for _ in 0..20 {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
        {
            Ok(c) => return Ok(c),
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    Err(last
        .map(|e| e.into())
        .unwrap_or_else(|| "no WebDriver session".into()))
}

/// A session with helpers.
pub struct App {
    pub c: Client,
    pub shots: PathBuf,
}

impl App {
    pub fn new(c: Client, name: &str) -> App {
        let shots = target_dir().join("e2e-screenshots").join(name);
        std::fs::create_dir_all(&shots).unwrap();
        App { c, shots }
    }

    pub async fn wait(&self, css: &str) -> R<fantoccini::elements::Element> {
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(e) = self.c.find(Locator::Css(css)).await {
                return Ok(e);
            }
            if Instant::now() > until {
                return Err(format!("timed out waiting for {css}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until a JS expression is truthy.
    pub async fn until(&self, what: &str, js: &str) -> R<Value> {
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            let v = self.js(&format!("return ({js});")).await?;
            if !(v.is_null() || v == json!(false) || v == json!(0) || v == json!("")) {
                return Ok(v);
            }
            if Instant::now() > until {
                return Err(format!("timed out waiting until {what}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn click(&self, css: &str) -> R {
        self.wait(css).await?.click().await?;
        Ok(())
    }

    pub async fn js(&self, script: &str) -> R<Value> {
        Ok(self.c.execute(script, vec![]).await?)
    }

    /// Keys to whatever has the focus.
    pub async fn keys(&self, keys: &str) -> R {
        self.c.active_element().await?.send_keys(keys).await?;
        Ok(())
    }

    pub async fn texts(&self, css: &str) -> R<Vec<String>> {
        let v = self
            .js(&format!(
                "return Array.from(document.querySelectorAll({})).map(e => e.textContent.trim());",
                json!(css)
            ))
            .await?;
        Ok(serde_json::from_value(v)?)
    }

    /// A screenshot after two animation frames (WebDriver screenshots can lag).
    pub async fn shot(&self, name: &str) -> R {
        // Without GPU compositing (the app's default on Linux) WebKit takes a snapshot at
        // the next paint, and a still page never paints: one pixel in a corner changes
        // faintly a few times while the screenshot is taken, then goes away.
        self.c
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 const px = document.createElement('div');
                 px.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;pointer-events:none';
                 document.body.appendChild(px);
                 let n = 0;
                 const t = setInterval(() => {
                   px.style.background = n++ % 2 ? 'transparent' : 'rgba(0,0,0,0.01)';
                   if (n > 40) { clearInterval(t); px.remove(); }
                 }, 50);
                 requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await?;
        let png = self.c.screenshot().await?;
        std::fs::write(self.shots.join(format!("{name}.png")), png)?;
        Ok(())
    }
}

/// Ends a flow: a screenshot named `failure` when it failed, then the WebDriver session
/// is always closed and the driver stopped (SIGTERM), so no app or driver outlives it.
pub async fn finish(app: App, driver: Driver, result: R, failure: &str) -> R {
    if result.is_err() {
        let _ = app.shot(failure).await;
    }
    let _ = app.c.close().await;
    drop(driver);
    result
}

/// The text of word/document.xml of a .docx.
pub fn docx_text(path: &Path) -> R<String> {
    let f = std::fs::File::open(path)?;
    let mut z = zip::ZipArchive::new(f)?;
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml")?, &mut xml)?;
    let mut text = String::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find("<w:t") {
        let after = &rest[i..];
        if !matches!(after.as_bytes().get(4), Some(b'>') | Some(b' ')) {
            rest = &after[4..];
            continue;
        }
        let Some(open_end) = after.find('>') else {
            break;
        };
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</w:t>") else {
            break;
        };
        text.push_str(&body[..close]);
        rest = &body[close..];
    }
    Ok(text)
}
