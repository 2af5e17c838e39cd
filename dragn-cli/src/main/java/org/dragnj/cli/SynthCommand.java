package org.dragnj.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code dragn synth hpa|flyexpress}: synthetic data in the real input formats, to try every step without real data. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Write synthetic data in the real input formats, to try the data preparation and training"
                + " without real data: 'synth hpa' for 'dragn prepare-hpa', 'synth flyexpress' for 'dragn"
                + " bag-flyexpress --images'.",
        subcommands = {SynthHpaCommand.class, SynthFlyExpressCommand.class})
final class SynthCommand implements Runnable {

    @Spec
    CommandSpec command;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(command.commandLine(), "say what to synthesise: synth hpa or synth flyexpress");
    }
}
