package org.parley.channel.sms;

import java.util.Optional;

/**
 * The part of the consent ledger the SMS channel needs: whether a number has opted out, and a
 * way to record that it has. Its methods match {@code org.parley.compliance.ConsentLedger}, so
 * the ledger plugs in unchanged.
 */
public interface OptOutSink {

    /**
     * Records that {@code address} asked not to be messaged on {@code channel}.
     *
     * @param how the evidence, such as {@code carrier_21610}
     */
    void optOut(String clientId, String channel, String address, String how,
                Optional<String> conversationId);

    boolean optedOut(String clientId, String channel, String address);

    /** Records an opt-out; what it returns, if anything, is ignored. */
    @FunctionalInterface
    interface Recorder {
        void optOut(String clientId, String channel, String address, String how,
                    Optional<String> conversationId);
    }

    /** Tells whether an address is opted out. */
    @FunctionalInterface
    interface Check {
        boolean optedOut(String clientId, String channel, String address);
    }

    /** A sink over two methods, such as {@code of(ledger::optOut, ledger::optedOut)}. */
    static OptOutSink of(Recorder recorder, Check check) {
        return new OptOutSink() {
            @Override
            public void optOut(String clientId, String channel, String address, String how,
                               Optional<String> conversationId) {
                recorder.optOut(clientId, channel, address, how, conversationId);
            }

            @Override
            public boolean optedOut(String clientId, String channel, String address) {
                return check.optedOut(clientId, channel, address);
            }
        };
    }
}
