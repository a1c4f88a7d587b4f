package io.des.registry;

/** {@link RegistryConnector#none()}: operators check {@link #isNone()} and never open it. */
enum NoRegistryConnector implements RegistryConnector {
    INSTANCE;

    @Override
    public EridRegistry open() {
        throw new IllegalStateException("no ERID registry is configured (DesRegistry.type=none)");
    }

    @Override
    public boolean isNone() {
        return true;
    }
}
