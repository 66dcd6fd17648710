// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // WebKitGTK draws through its GPU compositor by default. Offices often run on remote
    // desktops, VMs and old graphics without a usable GPU, where that compositor renders in
    // software and a keystroke's repaint takes three frames instead of one; a page of text
    // needs no compositor. Measured under Xvfb (tests/e2e/tests/perf.rs): keystroke →
    // preview p90 68 → 31 ms, the web process 268 → 179 MB. Set the variable to 0 to opt out.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // Before any thread starts: nothing else reads the environment yet.
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    jianggao_desktop::run();
}
