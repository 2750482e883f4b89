package com.callbackdesk.ivr.dialog;

import org.asteriskjava.fastagi.AgiException;

/** One step of a call flow that yields an answer. */
public interface Step<T> {

    StepId id();

    /**
     * Runs the step on the line.
     *
     * @throws TransferToOperator when the caller ran out of tries and there is no default, or the prompt's sound
     *                            file is missing on the PBX in the caller's and the default language
     * @throws AgiException       on hang-up ({@link org.asteriskjava.fastagi.AgiHangupException}) or a broken channel
     */
    T run(CallerLine line) throws AgiException;
}
