package dev.warden.sample.reactive;

import dev.warden.sample.SampleApiSharedStateContract;

/**
 * The sample API's contract of {@link SampleApiSharedStateContract}, unchanged, on WebFlux.
 */
@SampleApiSharedStateContract.Runs(SampleApiReactiveApplication.class)
class SampleApiReactiveSharedStateTest extends SampleApiSharedStateContract {

}
