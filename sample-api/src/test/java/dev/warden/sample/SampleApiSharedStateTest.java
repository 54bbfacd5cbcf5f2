package dev.warden.sample;

/**
 * The sample API's contract of {@link SampleApiSharedStateContract}, on Spring MVC.
 */
@SampleApiSharedStateContract.Runs(SampleApiApplication.class)
class SampleApiSharedStateTest extends SampleApiSharedStateContract {

}
