<#ftl output_format="plainText">
${msg("viewgateEmailNewRequestIntro", requesterName, requesterEmail)}

${msg("viewgateDesiredTier")}: <#if desiredTier?has_content>${desiredTier}<#else>${msg("viewgateNoPreference")}</#if>
<#if message?has_content>

${message}
</#if>

${msg("viewgateEmailOpenQueue")}: ${queueUrl}
