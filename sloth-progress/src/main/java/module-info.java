/**
 * A console progress bar for long {@code get()}s of a Sloth graph ({@link dev.sloth.progress.ProgressListener}),
 * drawn by <a href="https://github.com/ctongfei/progressbar">progressbar</a>.
 */
module dev.sloth.progress {
  requires transitive dev.sloth.core;
  requires me.tongfei.progressbar;

  exports dev.sloth.progress;
}
