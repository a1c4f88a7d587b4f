package io.des.pipeline.run;

/** What a run tells its user as it goes: the phase being worked on, and how far it is. */
public interface RunProgress {

    RunProgress NONE = new RunProgress() {
        @Override
        public void started(String phase, long total) {}

        @Override
        public void advanced(String phase, long done) {}

        @Override
        public void finished(String phase, String summary) {}
    };

    /** @param total the amount of work in the phase (rows), or -1 when not known */
    void started(String phase, long total);

    void advanced(String phase, long done);

    void finished(String phase, String summary);
}
