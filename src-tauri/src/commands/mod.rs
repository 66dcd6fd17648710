//! The Tauri commands, one file a screen. Each one takes the window's arguments, calls
//! one function of the core's app layer on the locked session, and returns its view
//! (errors as Chinese sentences). Files and dialogs are opened only from Rust.

pub mod check;
pub mod drafts;
pub mod editor;
pub mod files;
pub mod import;
pub mod library;
pub mod meetings;
pub mod print;
pub mod review;
pub mod settings;
pub mod versions;

#[cfg(test)]
mod tests {
    /// The stand-ins for the native dialogs exist only in builds made for the end-to-end
    /// tests: in any other build a variable left in the environment changes nothing.
    #[cfg(not(feature = "e2e"))]
    #[test]
    fn without_the_e2e_feature_the_test_hooks_are_ignored() {
        std::env::set_var("JIANGGAO_E2E_SAVE_DIR", "/tmp");
        std::env::set_var("JIANGGAO_E2E_OPEN_FILES", "/tmp/a.txt");
        assert_eq!(super::files::e2e_save_dir(), None);
        assert_eq!(super::import::e2e_files(), None);
    }

    #[cfg(feature = "e2e")]
    #[test]
    fn with_the_e2e_feature_the_test_hooks_are_read() {
        std::env::set_var("JIANGGAO_E2E_SAVE_DIR", "/tmp");
        std::env::set_var("JIANGGAO_E2E_OPEN_FILES", "/tmp/a.txt");
        assert_eq!(super::files::e2e_save_dir(), Some("/tmp".into()));
        assert_eq!(super::import::e2e_files(), Some(vec!["/tmp/a.txt".into()]));
    }
}
